namespace SharpKube.Cli.Bench.Controllers.Results;

/// <summary>The deletion of every Deployment (background propagation: the garbage collector deletes the ReplicaSets, then their pods); times are seconds after the first delete was sent.</summary>
/// <param name="DeletesAcknowledgedSeconds">Until the API server had answered every Deployment delete.</param>
/// <param name="AllDeploymentsGoneSeconds">Until no Deployment was left.</param>
/// <param name="AllReplicaSetsGoneSeconds">Until the garbage collector had deleted every ReplicaSet.</param>
/// <param name="AllPodsGoneSeconds">Until it had deleted every pod.</param>
/// <param name="PodsPerSecond">Pods deleted over <paramref name="AllPodsGoneSeconds"/>.</param>
/// <param name="DeleteLatency">The Deployment deletes, request to response.</param>
/// <param name="Processes">CPU and memory of the controller manager, the API server and the benchmark over the phase.</param>
internal sealed record DeletePhaseResult(
    double DeletesAcknowledgedSeconds,
    double AllDeploymentsGoneSeconds,
    double AllReplicaSetsGoneSeconds,
    double AllPodsGoneSeconds,
    double PodsPerSecond,
    LatencySummary DeleteLatency,
    IReadOnlyList<ProcessUsage> Processes);
