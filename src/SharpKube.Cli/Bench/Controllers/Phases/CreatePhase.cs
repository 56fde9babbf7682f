using System.Diagnostics;
using k8s;
using SharpKube.Cli.Bench.Controllers.Results;
using SharpKube.Cli.Bench.Controllers.Workload;

namespace SharpKube.Cli.Bench.Controllers.Phases;

/// <summary>Creates every Deployment at once and times the controllers' rollout until every ReplicaSet and Deployment reports the full replica count.</summary>
internal static class CreatePhase
{
    public static async Task<CreatePhaseResult> RunAsync(
        BenchDeployments workload, IReadOnlyList<Kubernetes> clients, RolloutTracker tracker, MilestoneWait wait,
        IReadOnlyList<MeasuredProcess> processes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var meters = processes.Select(ProcessMeter.Start).ToList();
        var start = Stopwatch.GetTimestamp();
        var createLatency = await ParallelWrites.RunAsync(clients, workload.Count,
            (client, index, ct) => client.AppsV1.CreateNamespacedDeploymentAsync(workload.Deployment(index), workload.Namespace, cancellationToken: ct),
            cancellationToken);
        var acknowledged = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Milestone[] milestones = [tracker.AllReplicaSetsExist, tracker.AllPodsCreated, tracker.AllReplicaSetsFull, tracker.AllDeploymentsFull];
        await wait.WaitAsync("create", milestones, start, timeout, cancellationToken);
        var usage = meters.Select(m => m.Stop()).ToList();

        var podsCreated = tracker.AllPodsCreated.SecondsAfter(start);
        var (firstPod, lastPod) = tracker.PodCreationSpan();
        var perReplicaSet = new LatencyHistogram();
        foreach (var fullAt in tracker.ReplicaSetFullTimestamps())
        {
            perReplicaSet.RecordBetween(start, fullAt);
        }

        return new CreatePhaseResult(
            Math.Round(acknowledged, 3),
            tracker.AllReplicaSetsExist.SecondsAfter(start),
            podsCreated,
            tracker.AllReplicaSetsFull.SecondsAfter(start),
            tracker.AllDeploymentsFull.SecondsAfter(start),
            podsCreated > 0 ? Math.Round(workload.Pods / podsCreated, 1) : 0,
            Math.Round(Stopwatch.GetElapsedTime(firstPod, lastPod).TotalSeconds, 3),
            tracker.PodsCreated,
            tracker.MaxPodsAtOnce,
            (int)perReplicaSet.Count,
            LatencySummary.From(perReplicaSet),
            createLatency,
            usage);
    }
}
