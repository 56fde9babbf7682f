using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.DownwardApi;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// A container's final environment, built as upstream builds it: the service variables, overridden by <c>envFrom</c>
/// (ConfigMaps and Secrets, with their prefix; keys that are not valid variable names are skipped with a warning),
/// overridden by <c>env</c> (values with <c>$(VAR)</c> expanded against what is defined so far, or taken from a
/// ConfigMap or Secret key, a pod field, or a container resource).
/// </summary>
/// <remarks>
/// Deliberate difference: the order is stable — service variables by service name, then <c>envFrom</c> keys in
/// ordinal order per source, then <c>env</c> in declared order, a redefined variable moving to where it was last
/// defined. Upstream builds the list from a Go map, so its order is random; runtimes do not depend on it.
/// </remarks>
public sealed partial class ContainerEnvironment
{
    private ContainerEnvironment(IReadOnlyList<KeyValue> variables, IReadOnlyList<string> warnings)
    {
        Variables = variables;
        Warnings = warnings;
    }

    /// <summary>The variables, as <c>ContainerConfig.envs</c> takes them.</summary>
    public IReadOnlyList<KeyValue> Variables { get; }

    /// <summary>Upstream's texts for skipped <c>envFrom</c> keys (event reason <c>InvalidEnvironmentVariableNames</c>).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Builds the environment of <paramref name="container"/> in <paramref name="pod"/>. Throws
    /// <see cref="ContainerConfigException"/> with upstream's message when a non-optional reference is missing.
    /// </summary>
    public static async Task<ContainerEnvironment> BuildAsync(
        V1Pod pod, V1Container container, ContainerEnvironmentSources sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(sources);
        var references = new ReferenceCache(sources.Objects, pod.Metadata?.NamespaceProperty ?? "");
        var ns = references.Namespace;
        var warnings = new List<string>();
        var environment = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in ServiceEnvironment.For(sources.NamespaceServices, sources.KubernetesService, pod.Spec?.EnableServiceLinks != false))
        {
            environment[name] = value;
        }
        foreach (var source in container.EnvFrom ?? [])
        {
            IEnumerable<KeyValuePair<string, string>> values;
            string kind, name;
            if (source.ConfigMapRef is { } configMapRef)
            {
                (kind, name) = ("configMap", configMapRef.Name ?? "");
                var configMap = await references.ConfigMapAsync(name, configMapRef.Optional == true, cancellationToken).ConfigureAwait(false);
                if (configMap is null)
                {
                    continue;
                }
                values = configMap.Data ?? new Dictionary<string, string>();
            }
            else if (source.SecretRef is { } secretRef)
            {
                (kind, name) = ("secret", secretRef.Name ?? "");
                var secret = await references.SecretAsync(name, secretRef.Optional == true, cancellationToken).ConfigureAwait(false);
                if (secret is null)
                {
                    continue;
                }
                values = (secret.Data ?? new Dictionary<string, byte[]>()).Select(d => KeyValuePair.Create(d.Key, Encoding.UTF8.GetString(d.Value ?? [])));
            }
            else
            {
                continue;
            }
            var invalid = new List<string>();
            foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                var variable = source.Prefix + key;
                if (!IsEnvVarName(variable))
                {
                    invalid.Add(variable);
                    continue;
                }
                Define(environment, variable, value);
            }
            if (invalid.Count > 0)
            {
                invalid.Sort(StringComparer.Ordinal);
                warnings.Add($"Keys [{string.Join(", ", invalid)}] from the EnvFrom {kind} {ns}/{name} were skipped since they are considered invalid environment variable names.");
            }
        }
        foreach (var variable in container.Env ?? [])
        {
            string? value = variable.Value ?? "";
            if (value.Length > 0)
            {
                value = VariableExpansion.Expand(value, n => environment.TryGetValue(n, out var v) ? v : null);
            }
            else if (variable.ValueFrom is { } from)
            {
                value = await ResolveAsync(pod, container, from, sources, references, cancellationToken).ConfigureAwait(false);
                if (value is null)
                {
                    // An optional reference that is missing leaves the variable out.
                    continue;
                }
            }
            Define(environment, variable.Name, value);
        }
        var list = environment.Select(e => new KeyValue { Key = e.Key, Value = e.Value }).ToList();
        return new ContainerEnvironment(list, warnings);
    }

    private static async Task<string?> ResolveAsync(V1Pod pod, V1Container container, V1EnvVarSource from,
        ContainerEnvironmentSources sources, ReferenceCache references, CancellationToken cancellationToken)
    {
        var ns = references.Namespace;
        if (from.FieldRef is { } fieldRef)
        {
            try
            {
                return PodFieldPath.Resolve(WithRuntimeIPs(pod, sources), fieldRef.FieldPath ?? "");
            }
            catch (ArgumentException e)
            {
                throw new ContainerConfigException(FirstLine(e.Message), e);
            }
        }
        if (from.ResourceFieldRef is { } resourceFieldRef)
        {
            try
            {
                return ContainerResourceField.Resolve(container, resourceFieldRef, sources.NodeAllocatable);
            }
            catch (ArgumentException e)
            {
                throw new ContainerConfigException(FirstLine(e.Message), e);
            }
        }
        if (from.ConfigMapKeyRef is { } configMapKeyRef)
        {
            var optional = configMapKeyRef.Optional == true;
            var configMap = await references.ConfigMapAsync(configMapKeyRef.Name ?? "", optional, cancellationToken).ConfigureAwait(false);
            if (configMap is null)
            {
                return null;
            }
            if (configMap.Data is { } data && data.TryGetValue(configMapKeyRef.Key ?? "", out var value))
            {
                return value;
            }
            return optional ? null
                : throw new ContainerConfigException($"couldn't find key {configMapKeyRef.Key} in ConfigMap {ns}/{configMapKeyRef.Name}");
        }
        if (from.SecretKeyRef is { } secretKeyRef)
        {
            var optional = secretKeyRef.Optional == true;
            var secret = await references.SecretAsync(secretKeyRef.Name ?? "", optional, cancellationToken).ConfigureAwait(false);
            if (secret is null)
            {
                return null;
            }
            if (secret.Data is { } data && data.TryGetValue(secretKeyRef.Key ?? "", out var bytes))
            {
                return Encoding.UTF8.GetString(bytes ?? []);
            }
            return optional ? null
                : throw new ContainerConfigException($"couldn't find key {secretKeyRef.Key} in Secret {ns}/{secretKeyRef.Name}");
        }
        // A source this kubelet does not know (fileKeyRef, alpha) yields an empty value rather than failing the pod.
        return "";
    }

    /// <summary>
    /// The pod as the downward API should see it: with the sandbox's and node's IPs, which the pod's status may not
    /// carry yet when its first containers are created. A copy, so the cached pod is never changed.
    /// </summary>
    private static V1Pod WithRuntimeIPs(V1Pod pod, ContainerEnvironmentSources sources)
    {
        if (sources.PodIPs.Count == 0 && sources.HostIPs.Count == 0)
        {
            return pod;
        }
        var status = pod.Status ?? new V1PodStatus();
        var copy = new V1PodStatus
        {
            PodIP = sources.PodIPs.Count > 0 ? sources.PodIPs[0] : status.PodIP,
            PodIPs = sources.PodIPs.Count > 0 ? sources.PodIPs.Select(ip => new V1PodIP { Ip = ip }).ToList() : status.PodIPs,
            HostIP = sources.HostIPs.Count > 0 ? sources.HostIPs[0] : status.HostIP,
            HostIPs = sources.HostIPs.Count > 0 ? sources.HostIPs.Select(ip => new V1HostIP { Ip = ip }).ToList() : status.HostIPs,
        };
        return new V1Pod { Metadata = pod.Metadata, Spec = pod.Spec, Status = copy };
    }

    /// <summary>Sets a variable; a redefinition moves it to the end, where its new definition is.</summary>
    private static void Define(OrderedDictionary<string, string> environment, string name, string value)
    {
        environment.Remove(name);
        environment.Add(name, value);
    }

    /// <summary>ArgumentException appends "(Parameter …)"; the user sees the message alone.</summary>
    private static string FirstLine(string message)
    {
        var at = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    /// <summary>Upstream's C-identifier-like rule for variable names, also forbidding ".", ".." and a leading "..".</summary>
    internal static bool IsEnvVarName(string name) =>
        EnvVarName().IsMatch(name) && name != "." && !name.StartsWith("..", StringComparison.Ordinal);

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvVarName();
}
