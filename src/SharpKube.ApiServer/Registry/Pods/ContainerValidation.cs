using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Validates the container lists of a pod spec: names, images, probes and what every container shares.</summary>
public static class ContainerValidation
{
    private const string InitContainerWithoutRestart = "may not be set for init containers without restartPolicy=Always";

    /// <summary>Validates <c>containers</c>: required, unique names, images, probes, host port conflicts.</summary>
    public static void ValidateContainers(JsonArray? containers, IReadOnlySet<string> volumes, string path, FieldErrorList errors)
    {
        if (containers.CountOf() == 0)
        {
            errors.Required(path);
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, container) in containers.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            ValidateCommon(container, volumes, itemPath, errors);
            var name = container.GetStringOrEmpty("name");
            if (!names.Add(name))
            {
                errors.Duplicate(itemPath + ".name", name);
            }
            if (container.GetObject("lifecycle") is { } lifecycle)
            {
                ProbeValidation.ValidateLifecycle(lifecycle, itemPath + ".lifecycle", errors);
            }
            ProbeValidation.ValidateLiveness(container.GetObject("livenessProbe"), itemPath + ".livenessProbe", errors);
            ProbeValidation.ValidateReadiness(container.GetObject("readinessProbe"), itemPath + ".readinessProbe", errors);
            ProbeValidation.ValidateStartup(container.GetObject("startupProbe"), itemPath + ".startupProbe", errors);
            if (container.Has("restartPolicy"))
            {
                errors.Forbidden(itemPath + ".restartPolicy", "may not be set for non-init containers");
            }
        }
        ValidateHostPortConflicts(containers!.ObjectItems().Select(c => c.Item), path, errors);
    }

    /// <summary>Validates <c>initContainers</c>: names unique across init and regular containers, sidecar rules.</summary>
    public static void ValidateInitContainers(JsonArray? initContainers, JsonArray? containers, IReadOnlySet<string> volumes,
        string path, FieldErrorList errors)
    {
        var names = containers.ObjectItems().Select(c => c.Item.GetStringOrEmpty("name")).ToHashSet(StringComparer.Ordinal);
        foreach (var (index, container) in initContainers.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            ValidateCommon(container, volumes, itemPath, errors);
            var restartAlways = false;
            if (container.Has("restartPolicy"))
            {
                var policy = container.GetStringOrEmpty("restartPolicy");
                if (policy == "Always")
                {
                    restartAlways = true;
                }
                else if (policy.Length == 0)
                {
                    errors.Required(itemPath + ".restartPolicy");
                }
                else
                {
                    errors.NotSupported(itemPath + ".restartPolicy", policy, ["Always"]);
                }
            }
            var name = container.GetStringOrEmpty("name");
            if (names.Contains(name))
            {
                errors.Duplicate(itemPath + ".name", name);
            }
            else if (name.Length > 0)
            {
                names.Add(name);
            }
            ValidateHostPortConflicts([container], path, errors);
            if (restartAlways)
            {
                if (container.GetObject("lifecycle") is { } lifecycle)
                {
                    ProbeValidation.ValidateLifecycle(lifecycle, itemPath + ".lifecycle", errors);
                }
                ProbeValidation.ValidateLiveness(container.GetObject("livenessProbe"), itemPath + ".livenessProbe", errors);
                ProbeValidation.ValidateReadiness(container.GetObject("readinessProbe"), itemPath + ".readinessProbe", errors);
                ProbeValidation.ValidateStartup(container.GetObject("startupProbe"), itemPath + ".startupProbe", errors);
                continue;
            }
            if (container.Has("lifecycle"))
            {
                errors.Forbidden(itemPath + ".lifecycle", InitContainerWithoutRestart);
            }
            if (container.Has("livenessProbe"))
            {
                errors.Forbidden(itemPath + ".livenessProbe", InitContainerWithoutRestart);
            }
            if (container.Has("readinessProbe"))
            {
                errors.Forbidden(itemPath + ".readinessProbe", "may not be set for init containers");
            }
            if (container.Has("startupProbe"))
            {
                errors.Forbidden(itemPath + ".startupProbe", InitContainerWithoutRestart);
            }
        }
    }

    /// <summary>What init, regular and ephemeral containers share: name, image, ports, env, mounts, resources, policies.</summary>
    public static void ValidateCommon(JsonObject container, IReadOnlySet<string> volumes, string path, FieldErrorList errors)
    {
        var name = container.GetStringOrEmpty("name");
        if (name.Length == 0)
        {
            errors.Required(path + ".name");
        }
        else
        {
            foreach (var message in NameFormat.Dns1123Label(name))
            {
                errors.Invalid(path + ".name", name, message);
            }
        }
        if (container.GetStringOrEmpty("image").Length == 0)
        {
            errors.Required(path + ".image");
        }
        var messagePolicy = container.GetStringOrEmpty("terminationMessagePolicy");
        if (messagePolicy.Length == 0)
        {
            errors.Required(path + ".terminationMessagePolicy", "must be 'File' or 'FallbackToLogsOnError'");
        }
        else if (messagePolicy is not ("File" or "FallbackToLogsOnError"))
        {
            errors.NotSupported(path + ".terminationMessagePolicy", messagePolicy, ["File", "FallbackToLogsOnError"]);
        }
        ContainerFieldValidation.ValidatePorts(container.GetArray("ports"), path + ".ports", errors);
        ContainerFieldValidation.ValidateEnv(container.GetArray("env"), path + ".env", errors);
        ContainerFieldValidation.ValidateEnvFrom(container.GetArray("envFrom"), path + ".envFrom", errors);
        ContainerFieldValidation.ValidateVolumeMounts(container.GetArray("volumeMounts"), volumes, path + ".volumeMounts", errors);
        var pullPolicy = container.GetStringOrEmpty("imagePullPolicy");
        if (pullPolicy.Length == 0)
        {
            errors.Required(path + ".imagePullPolicy");
        }
        else if (pullPolicy is not ("Always" or "IfNotPresent" or "Never"))
        {
            errors.NotSupported(path + ".imagePullPolicy", pullPolicy, ["Always", "IfNotPresent", "Never"]);
        }
        ResourceRequirementsValidation.Validate(container.GetObject("resources"), path + ".resources", errors);
    }

    private static void ValidateHostPortConflicts(IEnumerable<JsonObject> containers, string path, FieldErrorList errors)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var containerIndex = 0;
        foreach (var container in containers)
        {
            foreach (var (portIndex, port) in container.GetArray("ports").ObjectItems())
            {
                var hostPort = port.GetInt64("hostPort") ?? 0;
                if (hostPort == 0)
                {
                    continue;
                }
                var key = $"{port.GetStringOrEmpty("protocol")}/{port.GetStringOrEmpty("hostIP")}/{hostPort}";
                if (!used.Add(key))
                {
                    errors.Duplicate($"{path}[{containerIndex}].ports[{portIndex}].hostPort", key);
                }
            }
            containerIndex++;
        }
    }
}
