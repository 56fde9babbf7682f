using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Validates the lists inside a container: ports, env, envFrom, volume mounts.</summary>
public static class ContainerFieldValidation
{
    /// <summary>Protocols a port may use, sorted as upstream lists them.</summary>
    public static readonly IReadOnlyList<string> PortProtocols = ["SCTP", "TCP", "UDP"];

    private static readonly string[] EnvFieldPaths =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    /// <summary>Validates container ports: names, numbers, protocols.</summary>
    public static void ValidatePorts(JsonArray? ports, string path, FieldErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, port) in ports.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            var name = port.GetStringOrEmpty("name");
            if (name.Length > 0)
            {
                var messages = ValueFormat.PortName(name);
                foreach (var message in messages)
                {
                    errors.Invalid(itemPath + ".name", name, message);
                }
                if (messages.Count == 0 && !names.Add(name))
                {
                    errors.Duplicate(itemPath + ".name", name);
                }
            }
            var containerPort = port.GetInt64("containerPort") ?? 0;
            if (containerPort == 0)
            {
                errors.Required(itemPath + ".containerPort");
            }
            else
            {
                foreach (var message in ValueFormat.PortNumber(containerPort))
                {
                    errors.Invalid(itemPath + ".containerPort", containerPort, message);
                }
            }
            var hostPort = port.GetInt64("hostPort") ?? 0;
            if (hostPort != 0)
            {
                foreach (var message in ValueFormat.PortNumber(hostPort))
                {
                    errors.Invalid(itemPath + ".hostPort", hostPort, message);
                }
            }
            ValidateProtocol(port.GetStringOrEmpty("protocol"), itemPath + ".protocol", errors);
        }
    }

    /// <summary>Validates a port protocol: required, one of SCTP, TCP, UDP.</summary>
    public static void ValidateProtocol(string protocol, string path, FieldErrorList errors)
    {
        if (protocol.Length == 0)
        {
            errors.Required(path);
        }
        else if (!PortProtocols.Contains(protocol))
        {
            errors.NotSupported(path, protocol, PortProtocols);
        }
    }

    /// <summary>Validates environment variables and their value sources.</summary>
    public static void ValidateEnv(JsonArray? env, string path, FieldErrorList errors)
    {
        foreach (var (index, variable) in env.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            var name = variable.GetStringOrEmpty("name");
            if (name.Length == 0)
            {
                errors.Required(itemPath + ".name");
            }
            foreach (var message in ValueFormat.EnvVarName(name))
            {
                errors.Invalid(itemPath + ".name", name, message);
            }
            if (variable.GetObject("valueFrom") is { } valueFrom)
            {
                ValidateValueFrom(valueFrom, variable.GetStringOrEmpty("value").Length > 0, itemPath + ".valueFrom", errors);
            }
        }
    }

    /// <summary>Validates envFrom sources: exactly one of configMapRef and secretRef, optional prefix.</summary>
    public static void ValidateEnvFrom(JsonArray? envFrom, string path, FieldErrorList errors)
    {
        foreach (var (index, source) in envFrom.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            var prefix = source.GetStringOrEmpty("prefix");
            if (prefix.Length > 0)
            {
                foreach (var message in ValueFormat.EnvVarName(prefix))
                {
                    errors.Invalid(itemPath + ".prefix", prefix, message);
                }
            }
            var sources = 0;
            foreach (var kind in (string[])["configMapRef", "secretRef"])
            {
                if (source.GetObject(kind) is { } reference)
                {
                    sources++;
                    ValidateReferencedName(reference, itemPath + "." + kind, errors);
                }
            }
            if (sources == 0)
            {
                errors.Invalid(path, "", "must specify one of: `configMapRef` or `secretRef`");
            }
            else if (sources > 1)
            {
                errors.Invalid(path, "", "may not have more than one field specified at a time");
            }
        }
    }

    /// <summary>Validates volume mounts: name of a declared volume, unique mount paths, relative sub-paths.</summary>
    public static void ValidateVolumeMounts(JsonArray? mounts, IReadOnlySet<string> volumes, string path, FieldErrorList errors)
    {
        var mountPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, mount) in mounts.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            var name = mount.GetStringOrEmpty("name");
            if (name.Length == 0)
            {
                errors.Required(itemPath + ".name");
            }
            if (!volumes.Contains(name))
            {
                errors.Add(new(FieldErrorType.NotFound, itemPath + ".name", FieldErrorList.Quote(name), ""));
            }
            var mountPath = mount.GetStringOrEmpty("mountPath");
            if (mountPath.Length == 0)
            {
                errors.Required(itemPath + ".mountPath");
            }
            if (!mountPaths.Add(mountPath))
            {
                errors.Invalid(itemPath + ".mountPath", mountPath, "must be unique");
            }
            var subPath = mount.GetStringOrEmpty("subPath");
            if (subPath.Length > 0)
            {
                PathRules.ValidateLocalDescendingPath(subPath, path + ".subPath", errors);
            }
            var subPathExpr = mount.GetStringOrEmpty("subPathExpr");
            if (subPathExpr.Length > 0)
            {
                if (subPath.Length > 0)
                {
                    errors.Invalid(itemPath + ".subPathExpr", subPathExpr, "subPathExpr and subPath are mutually exclusive");
                }
                PathRules.ValidateLocalDescendingPath(subPathExpr, path + ".subPathExpr", errors);
            }
        }
    }

    private static void ValidateValueFrom(JsonObject valueFrom, bool hasValue, string path, FieldErrorList errors)
    {
        var sources = 0;
        if (valueFrom.GetObject("fieldRef") is { } fieldRef)
        {
            sources++;
            ValidateFieldRef(fieldRef, EnvFieldPaths, path + ".fieldRef", errors);
        }
        if (valueFrom.GetObject("resourceFieldRef") is { } resourceFieldRef)
        {
            sources++;
            if (resourceFieldRef.GetStringOrEmpty("resource").Length == 0)
            {
                errors.Required(path + ".resourceFieldRef.resource");
            }
        }
        foreach (var kind in (string[])["configMapKeyRef", "secretKeyRef"])
        {
            if (valueFrom.GetObject(kind) is { } keyRef)
            {
                sources++;
                ValidateReferencedName(keyRef, path + "." + kind, errors);
                var key = keyRef.GetStringOrEmpty("key");
                if (key.Length == 0)
                {
                    errors.Required(path + "." + kind + ".key");
                }
                else
                {
                    foreach (var message in ValueFormat.ConfigMapKey(key))
                    {
                        errors.Invalid(path + "." + kind + ".key", key, message);
                    }
                }
            }
        }
        if (sources == 0)
        {
            errors.Invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
        }
        else if (hasValue)
        {
            errors.Invalid(path, "", "may not be specified when `value` is not empty");
        }
        else if (sources > 1)
        {
            errors.Invalid(path, "", "may not have more than one field specified at a time");
        }
    }

    /// <summary>Validates a downward API field selector against the paths the context supports.</summary>
    public static void ValidateFieldRef(JsonObject fieldRef, IReadOnlyList<string> supported, string path, FieldErrorList errors)
    {
        if (fieldRef.GetStringOrEmpty("apiVersion").Length == 0)
        {
            errors.Required(path + ".apiVersion");
            return;
        }
        var fieldPath = fieldRef.GetStringOrEmpty("fieldPath");
        if (fieldPath.Length == 0)
        {
            errors.Required(path + ".fieldPath");
            return;
        }
        var bracket = fieldPath.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && fieldPath.EndsWith("']", StringComparison.Ordinal) && fieldPath[bracket..].StartsWith("['", StringComparison.Ordinal))
        {
            var subscript = fieldPath[(bracket + 2)..^2];
            switch (fieldPath[..bracket])
            {
                case "metadata.annotations":
                    LabelValidation.ValidateLabelName(subscript.ToLowerInvariant(), path, errors);
                    break;
                case "metadata.labels":
                    LabelValidation.ValidateLabelName(subscript, path, errors);
                    break;
                default:
                    errors.Invalid(path, fieldPath[..bracket], "does not support subscript");
                    break;
            }
        }
        else if (!supported.Contains(fieldPath))
        {
            errors.NotSupported(path + ".fieldPath", fieldPath, supported.Order(StringComparer.Ordinal));
        }
    }

    private static void ValidateReferencedName(JsonObject reference, string path, FieldErrorList errors)
    {
        var name = reference.GetStringOrEmpty("name");
        if (name.Length == 0)
        {
            errors.Required(path + ".name");
            return;
        }
        foreach (var message in NameFormat.Dns1123Subdomain(name))
        {
            errors.Invalid(path + ".name", name, message);
        }
    }
}
