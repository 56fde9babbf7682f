namespace SharpKube.Cli.Bench.Controllers.Results;

/// <summary>The rollout of every Deployment at once; times are seconds after the first create was sent.</summary>
/// <param name="CreatesAcknowledgedSeconds">Until the API server had answered every Deployment create.</param>
/// <param name="AllReplicaSetsExistSeconds">Until the deployment controller had created every ReplicaSet.</param>
/// <param name="AllPodsCreatedSeconds">Until the ReplicaSet controller had created every pod (pods seen by a watch).</param>
/// <param name="AllReplicaSetsFullSeconds">Until every ReplicaSet reported <c>status.replicas</c> equal to the replicas asked for — the headline figure.</param>
/// <param name="AllDeploymentsFullSeconds">Until every Deployment reported the same in its status (<c>replicas</c> and <c>updatedReplicas</c>).</param>
/// <param name="PodsPerSecond">Pods created over <paramref name="AllPodsCreatedSeconds"/>.</param>
/// <param name="PodCreationSeconds">From the first pod seen created to the last.</param>
/// <param name="PodsCreated">Pods seen created (more than asked for means a controller over-created).</param>
/// <param name="MaxPodsAtOnce">The most pods that existed at once.</param>
/// <param name="ReplicaSetsFull">ReplicaSets that reported the full count.</param>
/// <param name="ReplicaSetFullLatency">For each ReplicaSet, the time from the first create to its reporting the full count.</param>
/// <param name="CreateLatency">The Deployment creates, request to response.</param>
/// <param name="Processes">CPU and memory of the controller manager, the API server and the benchmark over the phase.</param>
internal sealed record CreatePhaseResult(
    double CreatesAcknowledgedSeconds,
    double AllReplicaSetsExistSeconds,
    double AllPodsCreatedSeconds,
    double AllReplicaSetsFullSeconds,
    double AllDeploymentsFullSeconds,
    double PodsPerSecond,
    double PodCreationSeconds,
    long PodsCreated,
    long MaxPodsAtOnce,
    int ReplicaSetsFull,
    LatencySummary ReplicaSetFullLatency,
    LatencySummary CreateLatency,
    IReadOnlyList<ProcessUsage> Processes);
