using System.Collections.Concurrent;
using k8s.Models;

namespace SharpKube.Scheduler.Hosting;

/// <summary>
/// One shared instance of each value that many cached pods repeat — strings (namespaces, node names, scheduler names,
/// images, policies, condition types, label keys and values), resource lists and tolerations — so 50,000 pods hold one
/// "default-scheduler" and one <c>{cpu: 100m, memory: 500Mi}</c> rather than 50,000. The shared objects are never
/// changed (the scheduler never changes a cached pod). Bounded: past <see cref="Capacity"/> entries per kind, new
/// values are kept as they are.
/// </summary>
internal static class CachedStrings
{
    /// <summary>How many distinct strings are pooled at most.</summary>
    public const int Capacity = 100_000;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IDictionary<string, ResourceQuantity>> Quantities = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string?, string?, string?, string?, long?), V1Toleration> Tolerations = new();
    private static readonly ConcurrentDictionary<string, List<V1Toleration>> TolerationLists = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, List<V1Container>> ContainerLists = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string?, string?, DateTime?, string?), V1PodStatus> Statuses = new();

    /// <summary>The pooled instance equal to <paramref name="value"/> (null stays null).</summary>
    public static string? Share(string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (Pool.TryGetValue(value, out var shared))
        {
            return shared;
        }
        return Pool.Count < Capacity ? Pool.GetOrAdd(value, value) : value;
    }

    /// <summary>A copy of <paramref name="map"/> whose keys and values are pooled (null stays null).</summary>
    public static IDictionary<string, string>? Share(IDictionary<string, string>? map)
    {
        if (map is null)
        {
            return null;
        }
        var shared = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            shared[Share(key)!] = Share(value)!;
        }
        return shared;
    }

    /// <summary>The shared resource list equal to <paramref name="quantities"/> (by each quantity's text; null stays null).</summary>
    public static IDictionary<string, ResourceQuantity>? Share(IDictionary<string, ResourceQuantity>? quantities)
    {
        if (quantities is null || quantities.Count == 0)
        {
            return quantities;
        }
        var key = string.Join(",", quantities.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => q.Key + "=" + q.Value?.ToString()));
        if (Quantities.TryGetValue(key, out var shared))
        {
            return shared;
        }
        return Quantities.Count < Capacity ? Quantities.GetOrAdd(key, quantities) : quantities;
    }

    /// <summary>
    /// The shared list of the shared tolerations equal to <paramref name="tolerations"/>, in order: pods of one
    /// workload (and every pod that only has the default not-ready/unreachable tolerations) hold one list.
    /// </summary>
    public static List<V1Toleration>? Share(IList<V1Toleration>? tolerations)
    {
        if (tolerations is not { Count: > 0 })
        {
            return tolerations as List<V1Toleration> ?? (tolerations is null ? null : [.. tolerations]);
        }
        var shared = new List<V1Toleration>(tolerations.Count);
        foreach (var toleration in tolerations)
        {
            shared.Add(Share(toleration));
        }
        var key = string.Join("\n", shared.Select(t => $"{t.Key}\t{t.OperatorProperty}\t{t.Value}\t{t.Effect}\t{t.TolerationSeconds}"));
        if (TolerationLists.TryGetValue(key, out var known))
        {
            return known;
        }
        return TolerationLists.Count < Capacity ? TolerationLists.GetOrAdd(key, shared) : shared;
    }

    /// <summary>The shared toleration equal to <paramref name="toleration"/>.</summary>
    public static V1Toleration Share(V1Toleration toleration)
    {
        ArgumentNullException.ThrowIfNull(toleration);
        var key = (toleration.Key, toleration.OperatorProperty, toleration.Value, toleration.Effect, toleration.TolerationSeconds);
        if (Tolerations.TryGetValue(key, out var shared))
        {
            return shared;
        }
        return Tolerations.Count < Capacity ? Tolerations.GetOrAdd(key, toleration) : toleration;
    }

    /// <summary>
    /// The shared list equal to <paramref name="containers"/>, already trimmed (<see cref="CachedPodTrimming"/>: name,
    /// image, restart policy, shared requests and host ports are all a container keeps): the pods of one template
    /// hold one list of containers.
    /// </summary>
    public static List<V1Container>? Share(IList<V1Container>? containers)
    {
        if (containers is not { Count: > 0 })
        {
            return containers as List<V1Container> ?? (containers is null ? null : [.. containers]);
        }
        var key = string.Join("\n", containers.Select(ContainerKey));
        if (ContainerLists.TryGetValue(key, out var known))
        {
            return known;
        }
        List<V1Container> list = [.. containers];
        return ContainerLists.Count < Capacity ? ContainerLists.GetOrAdd(key, list) : list;
    }

    /// <summary>
    /// The shared status equal to <paramref name="status"/> when it carries only a phase, QoS class, start time and
    /// nomination (no conditions): pods started in the same second share one.
    /// </summary>
    public static V1PodStatus Share(V1PodStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Conditions is { Count: > 0 })
        {
            return status;
        }
        var key = (status.Phase, status.QosClass, status.StartTime, status.NominatedNodeName);
        if (Statuses.TryGetValue(key, out var shared))
        {
            return shared;
        }
        return Statuses.Count < Capacity ? Statuses.GetOrAdd(key, status) : status;
    }

    private static string ContainerKey(V1Container container)
    {
        var requests = container.Resources?.Requests is { } quantities
            ? string.Join(",", quantities.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => q.Key + "=" + q.Value?.ToString()))
            : "";
        var ports = container.Ports is { } list
            ? string.Join(",", list.Select(p => $"{p.Name}:{p.Protocol}:{p.HostIP}:{p.HostPort}:{p.ContainerPort}"))
            : "";
        return $"{container.Name}\t{container.Image}\t{container.RestartPolicy}\t{container.Resources is null}\t{requests}\t{ports}";
    }
}
