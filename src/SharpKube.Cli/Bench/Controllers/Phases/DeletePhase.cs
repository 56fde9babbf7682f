using System.Diagnostics;
using k8s;
using SharpKube.Cli.Bench.Controllers.Results;
using SharpKube.Cli.Bench.Controllers.Workload;

namespace SharpKube.Cli.Bench.Controllers.Phases;

/// <summary>
/// Deletes every Deployment with background propagation — the API server removes the Deployment at once and the
/// garbage collector deletes its ReplicaSet, then the ReplicaSet's pods — and times until nothing is left.
/// </summary>
internal static class DeletePhase
{
    public static async Task<DeletePhaseResult> RunAsync(
        BenchDeployments workload, IReadOnlyList<Kubernetes> clients, RolloutTracker tracker, MilestoneWait wait,
        IReadOnlyList<MeasuredProcess> processes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        tracker.StartDeletion();
        var meters = processes.Select(ProcessMeter.Start).ToList();
        var start = Stopwatch.GetTimestamp();
        var deleteLatency = await ParallelWrites.RunAsync(clients, workload.Count,
            (client, index, ct) => client.AppsV1.DeleteNamespacedDeploymentAsync(
                BenchDeployments.Name(index), workload.Namespace, propagationPolicy: "Background", cancellationToken: ct),
            cancellationToken);
        var acknowledged = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Milestone[] milestones = [tracker.AllDeploymentsGone, tracker.AllReplicaSetsGone, tracker.AllPodsGone];
        await wait.WaitAsync("delete", milestones, start, timeout, cancellationToken);
        var usage = meters.Select(m => m.Stop()).ToList();

        var podsGone = tracker.AllPodsGone.SecondsAfter(start);
        return new DeletePhaseResult(
            Math.Round(acknowledged, 3),
            tracker.AllDeploymentsGone.SecondsAfter(start),
            tracker.AllReplicaSetsGone.SecondsAfter(start),
            podsGone,
            podsGone > 0 ? Math.Round(workload.Pods / podsGone, 1) : 0,
            deleteLatency,
            usage);
    }
}
