using k8s.Models;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A pod with what the scheduler needs from it worked out once, when the pod (or a new version of it) reaches the
/// scheduler: its requests in numbers, host ports, tolerations and priority. The hot path reads these fields and
/// never parses quantities. Immutable; the <see cref="Pod"/> is the informer's object and is never mutated.
/// </summary>
public sealed class PodInfo
{
    private PodInfo(V1Pod pod, string nodeName, PodInfo? facts)
    {
        Pod = pod;
        NodeName = nodeName;
        var metadata = pod.Metadata ?? new V1ObjectMeta();
        if (facts is not null)
        {
            Uid = facts.Uid;
            Namespace = facts.Namespace;
            Name = facts.Name;
            Key = facts.Key;
            SchedulerName = facts.SchedulerName;
            Priority = facts.Priority;
            Requests = facts.Requests;
            NonZeroMilliCpu = facts.NonZeroMilliCpu;
            NonZeroMemory = facts.NonZeroMemory;
            HostPorts = facts.HostPorts;
            Tolerations = facts.Tolerations;
            SchedulingGates = facts.SchedulingGates;
            Affinity = facts.Affinity;
            return;
        }
        Uid = metadata.Uid ?? "";
        Namespace = metadata.NamespaceProperty ?? "";
        Name = metadata.Name ?? "";
        Key = Namespace + "/" + Name;
        var spec = pod.Spec;
        SchedulerName = string.IsNullOrEmpty(spec?.SchedulerName) ? "default-scheduler" : spec.SchedulerName;
        Priority = spec?.Priority ?? 0;
        Requests = PodRequests.Compute(spec);
        (NonZeroMilliCpu, NonZeroMemory) = PodRequests.ComputeNonZero(spec);
        HostPorts = HostPortsOf(spec);
        // A list (as decoded, or shared between cached pods) is used as it is: the pod is never mutated.
        Tolerations = spec?.Tolerations switch
        {
            List<V1Toleration> { Count: > 0 } list => list,
            { Count: > 0 } tolerations => [.. tolerations],
            _ => [],
        };
        SchedulingGates = spec?.SchedulingGates is { Count: > 0 } gates ? [.. gates.Select(g => g.Name ?? "")] : [];
        Affinity = PodAffinityTerms.Of(pod, Namespace);
    }

    /// <summary>The pod, as the informer delivered it. Never mutate it.</summary>
    public V1Pod Pod { get; }

    /// <summary>The pod's uid: the cache's key.</summary>
    public string Uid { get; }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary><c>namespace/name</c>: the scheduling queue's key.</summary>
    public string Key { get; }

    /// <summary>
    /// The node the pod is on or assumed on ("" when unscheduled). For an assumed pod this differs from
    /// <c>Pod.Spec.NodeName</c>, which the API server has not set yet.
    /// </summary>
    public string NodeName { get; }

    /// <summary>The profile that schedules the pod (<c>spec.schedulerName</c>, default <c>default-scheduler</c>).</summary>
    public string SchedulerName { get; }

    /// <summary><c>spec.priority</c> (0 when unset).</summary>
    public int Priority { get; }

    /// <summary>What the pod requests (see <see cref="PodRequests.Compute(k8s.Models.V1PodSpec)"/>). Never mutate it.</summary>
    public Resource Requests { get; }

    /// <summary>The CPU request with request-less containers counted at 100m, for scoring.</summary>
    public long NonZeroMilliCpu { get; }

    /// <summary>The memory request with request-less containers counted at 200 MiB, for scoring.</summary>
    public long NonZeroMemory { get; }

    /// <summary>The host ports the pod's containers take.</summary>
    public IReadOnlyList<HostPort> HostPorts { get; }

    /// <summary>The pod's tolerations.</summary>
    public IReadOnlyList<V1Toleration> Tolerations { get; }

    /// <summary>The names of the pod's scheduling gates (empty once they are all removed).</summary>
    public IReadOnlyList<string> SchedulingGates { get; }

    /// <summary>The pod's inter-pod affinity and anti-affinity terms, parsed.</summary>
    public PodAffinityTerms Affinity { get; }

    /// <summary>The pod's <c>deletionTimestamp</c> is set.</summary>
    public bool IsBeingDeleted => Pod.Metadata?.DeletionTimestamp is not null;

    /// <summary>Builds the facts of <paramref name="pod"/>.</summary>
    public static PodInfo Create(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new PodInfo(pod, pod.Spec?.NodeName ?? "", null);
    }

    /// <summary>
    /// This pod as assumed on <paramref name="nodeName"/>: the same facts and the same (unmodified) pod object, so
    /// assuming costs one small allocation instead of a deep copy of the pod.
    /// </summary>
    public PodInfo WithNodeName(string nodeName) => new(Pod, nodeName, this);

    /// <inheritdoc/>
    public override string ToString() => Key;

    private static HostPort[] HostPortsOf(V1PodSpec? spec)
    {
        List<HostPort>? ports = null;
        foreach (var container in spec?.Containers ?? [])
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is { } hostPort && hostPort > 0)
                {
                    (ports ??= []).Add(HostPort.Create(port.HostIP, port.Protocol, hostPort));
                }
            }
        }
        return ports is null ? [] : [.. ports];
    }
}
