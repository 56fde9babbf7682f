using System.Globalization;
using k8s.Models;

namespace SharpKube.Kubelet.Containers;

/// <summary>
/// The Docker-links-style variables a container gets for services (<c>REDIS_SERVICE_HOST</c>, <c>REDIS_PORT_6379_TCP</c>,
/// …), named and formatted as upstream: the service name upper-cased with '-' as '_'; only services with a cluster IP.
/// </summary>
public static class ServiceEnvironment
{
    /// <summary>
    /// The variables for a pod: the services of its namespace when service links are enabled, and always the
    /// <c>kubernetes</c> service of <c>default</c> (<paramref name="kubernetesService"/>) unless the pod's namespace has
    /// its own service of that name. Services are taken in name order so the list is stable.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(
        IEnumerable<V1Service> namespaceServices, V1Service? kubernetesService, bool enableServiceLinks)
    {
        ArgumentNullException.ThrowIfNull(namespaceServices);
        var byName = new SortedDictionary<string, V1Service>(StringComparer.Ordinal);
        if (kubernetesService is not null && HasClusterIP(kubernetesService))
        {
            byName[kubernetesService.Metadata?.Name ?? "kubernetes"] = kubernetesService;
        }
        if (enableServiceLinks)
        {
            foreach (var service in namespaceServices)
            {
                if (HasClusterIP(service) && service.Metadata?.Name is { } name)
                {
                    byName[name] = service;
                }
            }
        }
        var variables = new List<KeyValuePair<string, string>>();
        foreach (var service in byName.Values)
        {
            AddVariables(variables, service);
        }
        return variables;
    }

    private static void AddVariables(List<KeyValuePair<string, string>> variables, V1Service service)
    {
        var prefix = VariableName(service.Metadata?.Name ?? "");
        var ip = service.Spec.ClusterIP;
        var ports = service.Spec.Ports ?? [];
        if (ports.Count == 0)
        {
            // Validation requires a port for a service with a cluster IP; without one there is nothing to describe.
            return;
        }
        Add(variables, $"{prefix}_SERVICE_HOST", ip);
        Add(variables, $"{prefix}_SERVICE_PORT", Text(ports[0].Port));
        foreach (var port in ports)
        {
            if (!string.IsNullOrEmpty(port.Name))
            {
                Add(variables, $"{prefix}_SERVICE_PORT_{VariableName(port.Name)}", Text(port.Port));
            }
        }
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var protocol = string.IsNullOrEmpty(port.Protocol) ? "TCP" : port.Protocol;
            var lower = protocol.ToLowerInvariant();
            var address = ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]:{Text(port.Port)}" : $"{ip}:{Text(port.Port)}";
            if (i == 0)
            {
                Add(variables, $"{prefix}_PORT", $"{lower}://{address}");
            }
            var portPrefix = $"{prefix}_PORT_{Text(port.Port)}_{protocol.ToUpperInvariant()}";
            Add(variables, portPrefix, $"{lower}://{address}");
            Add(variables, $"{portPrefix}_PROTO", lower);
            Add(variables, $"{portPrefix}_PORT", Text(port.Port));
            Add(variables, $"{portPrefix}_ADDR", ip);
        }
    }

    private static bool HasClusterIP(V1Service service) =>
        service.Spec?.ClusterIP is { Length: > 0 } ip && ip != "None";

    private static string VariableName(string name) => name.Replace('-', '_').ToUpperInvariant();

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static void Add(List<KeyValuePair<string, string>> variables, string name, string value) =>
        variables.Add(new KeyValuePair<string, string>(name, value));
}
