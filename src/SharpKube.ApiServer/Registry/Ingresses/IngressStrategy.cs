using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Ingresses;

/// <summary>networking.k8s.io/v1 Ingress: rules or a default backend, path types and paths, backends, TLS hosts.</summary>
public sealed class IngressStrategy : ResourceStrategy
{
    private static readonly string[] InvalidPathSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidPathSuffixes = ["/..", "/."];

    /// <summary>The shared instance.</summary>
    public static IngressStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override bool HasStatusSubresource => true;

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj) => obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) =>
        obj["status"] = old["status"]?.DeepClone() ?? new JsonObject { ["loadBalancer"] = new JsonObject() };

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        var rules = spec.GetArray("rules");
        if (rules.CountOf() == 0 && !spec.Has("defaultBackend"))
        {
            errors.InvalidRaw("spec", "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified");
        }
        if (spec.GetObject("defaultBackend") is { } defaultBackend)
        {
            ValidateBackend(defaultBackend, "spec.defaultBackend", errors);
        }
        foreach (var (index, rule) in rules.ObjectItems())
        {
            var path = $"spec.rules[{index}]";
            ValidateHost(rule.GetStringOrEmpty("host"), path + ".host", errors);
            if (rule.GetObject("http") is { } http)
            {
                ValidateHttp(http, path + ".http", errors);
            }
        }
        foreach (var (index, tls) in spec.GetArray("tls").ObjectItems())
        {
            foreach (var (hostIndex, host) in tls.GetArray("hosts").StringItems())
            {
                ValidateHost(host, $"spec.tls[{index}].hosts[{hostIndex}]", errors);
            }
        }
        var className = spec.GetStringOrEmpty("ingressClassName");
        foreach (var message in className.Length > 0 ? NameFormat.Dns1123Subdomain(className) : [])
        {
            errors.Invalid("spec.ingressClassName", className, message);
        }
    }

    private static void ValidateHost(string host, string path, FieldErrorList errors)
    {
        if (host.Length == 0)
        {
            return;
        }
        if (ValueFormat.IsIP(host))
        {
            errors.Invalid(path, host, "must be a DNS name, not an IP address");
        }
        if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            foreach (var message in NameFormat.Dns1123Subdomain(host[2..]))
            {
                errors.Invalid(path, host, message);
            }
        }
        else
        {
            foreach (var message in NameFormat.Dns1123Subdomain(host))
            {
                errors.Invalid(path, host, message);
            }
        }
    }

    private static void ValidateHttp(JsonObject http, string path, FieldErrorList errors)
    {
        if (http.GetArray("paths").CountOf() == 0)
        {
            errors.Required(path + ".paths");
        }
        foreach (var (index, item) in http.GetArray("paths").ObjectItems())
        {
            var itemPath = $"{path}.paths[{index}]";
            var value = item.GetStringOrEmpty("path");
            switch (item.GetString("pathType"))
            {
                case null:
                    errors.Required(itemPath + ".pathType", "pathType must be specified");
                    continue;
                case "Exact" or "Prefix":
                    if (!value.StartsWith('/'))
                    {
                        errors.Invalid(itemPath + ".path", value, "must be an absolute path");
                    }
                    foreach (var sequence in InvalidPathSequences.Where(s => value.Contains(s, StringComparison.Ordinal)))
                    {
                        errors.Invalid(itemPath + ".path", value, $"must not contain '{sequence}'");
                    }
                    foreach (var suffix in InvalidPathSuffixes.Where(s => value.EndsWith(s, StringComparison.Ordinal)))
                    {
                        errors.Invalid(itemPath + ".path", value, $"cannot end with '{suffix}'");
                    }
                    break;
                case "ImplementationSpecific":
                    if (value.Length > 0 && !value.StartsWith('/'))
                    {
                        errors.Invalid(itemPath + ".path", value, "must be an absolute path");
                    }
                    break;
                case var other:
                    errors.NotSupported(itemPath + ".pathType", other, ["Exact", "ImplementationSpecific", "Prefix"]);
                    break;
            }
            ValidateBackend(item.GetObject("backend") ?? [], itemPath + ".backend", errors);
        }
    }

    private static void ValidateBackend(JsonObject backend, string path, FieldErrorList errors)
    {
        var resource = backend.GetObject("resource");
        var service = backend.GetObject("service");
        if (resource is not null && service is not null)
        {
            errors.Invalid(path, "", "cannot set both resource and service backends");
            return;
        }
        if (resource is not null)
        {
            foreach (var key in (string[])["kind", "name"])
            {
                if (resource.GetStringOrEmpty(key).Length == 0)
                {
                    errors.Required(path + ".resource." + key);
                }
            }
            return;
        }
        if (service is null)
        {
            errors.Invalid(path, "", "resource or service backend is required");
            return;
        }
        var name = service.GetStringOrEmpty("name");
        if (name.Length == 0)
        {
            errors.Required(path + ".service.name");
        }
        foreach (var message in name.Length > 0 ? NameFormat.Dns1035Label(name) : [])
        {
            errors.Invalid(path + ".service.name", name, message);
        }
        var port = service.GetObject("port");
        var portName = port?.GetStringOrEmpty("name") ?? "";
        var portNumber = port?.GetInt64("number") ?? 0;
        if (portName.Length > 0 && portNumber != 0)
        {
            errors.Invalid(path, "", "cannot set both port name & port number");
        }
        else if (portName.Length > 0)
        {
            foreach (var message in ValueFormat.PortName(portName))
            {
                errors.Invalid(path + ".service.port.name", portName, message);
            }
        }
        else if (portNumber != 0)
        {
            foreach (var message in ValueFormat.PortNumber(portNumber))
            {
                errors.Invalid(path + ".service.port.number", portNumber, message);
            }
        }
        else
        {
            errors.Required(path, "port name or number is required");
        }
    }
}
