using k8s.Models;
using SharpKube.Client.Informers;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// The objects that select pods, read from informer caches: what default spreading deduces a pod's selector from
/// (upstream's service, replication controller, replica set and stateful set listers). Delegates rather than
/// informers, so unit tests can hand in fixed objects.
/// </summary>
public sealed class WorkloadListers
{
    /// <summary>Listers that find nothing: default spreading then never applies.</summary>
    public static WorkloadListers None { get; } = new();

    /// <summary>The Services of a namespace.</summary>
    public Func<string, IReadOnlyList<V1Service>> Services { get; init; } = _ => [];

    /// <summary>A ReplicationController by namespace and name (null: none).</summary>
    public Func<string, string, V1ReplicationController?> ReplicationController { get; init; } = (_, _) => null;

    /// <summary>A ReplicaSet by namespace and name (null: none).</summary>
    public Func<string, string, V1ReplicaSet?> ReplicaSet { get; init; } = (_, _) => null;

    /// <summary>A StatefulSet by namespace and name (null: none).</summary>
    public Func<string, string, V1StatefulSet?> StatefulSet { get; init; } = (_, _) => null;

    /// <summary>
    /// Listers over <paramref name="informers"/>' caches of the four resources (asking for the informers, so the
    /// factory lists and watches them and waits for them before the scheduler starts).
    /// </summary>
    public static WorkloadListers From(SharedInformerFactory informers)
    {
        ArgumentNullException.ThrowIfNull(informers);
        var services = informers.Informer<V1Service>().Indexer;
        var controllers = informers.Informer<V1ReplicationController>().Indexer;
        var replicaSets = informers.Informer<V1ReplicaSet>().Indexer;
        var statefulSets = informers.Informer<V1StatefulSet>().Indexer;
        return new WorkloadListers
        {
            Services = services.List,
            ReplicationController = controllers.Get,
            ReplicaSet = replicaSets.Get,
            StatefulSet = statefulSets.Get,
        };
    }
}
