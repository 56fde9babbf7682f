using System.Diagnostics;
using k8s;
using SharpKube.Cli.Bench.Controllers.Workload;

namespace SharpKube.Cli.Bench.Controllers.Phases;

/// <summary>
/// Proves the controller manager works end to end before anything is timed — and warms its code paths — with a
/// one-replica Deployment in a namespace of its own, left in place so that no deletion work overlaps the phases.
/// </summary>
internal static class WarmUp
{
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Creates the warm-up Deployment and waits until its ReplicaSet reports one replica.</summary>
    public static async Task RunAsync(Kubernetes client, BenchDeployments workload, TimeSpan timeout, Func<string?> componentFailure,
        CancellationToken cancellationToken)
    {
        await client.CoreV1.CreateNamespaceAsync(workload.NamespaceObject(workload.WarmUpNamespace), cancellationToken: cancellationToken);
        await client.AppsV1.CreateNamespacedDeploymentAsync(workload.WarmUpDeployment(), workload.WarmUpNamespace, cancellationToken: cancellationToken);
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var replicaSets = await client.AppsV1.ListNamespacedReplicaSetAsync(workload.WarmUpNamespace, cancellationToken: cancellationToken);
            if (replicaSets.Items.Any(rs => rs.Status?.Replicas == 1))
            {
                return;
            }

            if (componentFailure() is { } failure)
            {
                throw new ControllersBenchException($"warm-up: {failure}");
            }

            if (Stopwatch.GetElapsedTime(start) >= timeout)
            {
                throw new ControllersBenchException(
                    $"warm-up: the one-replica Deployment's ReplicaSet did not report its pod within {timeout.TotalSeconds:0} s " +
                    $"({replicaSets.Items.Count} ReplicaSets in {workload.WarmUpNamespace}): the controller manager does not work");
            }

            await Task.Delay(_poll, cancellationToken);
        }
    }
}
