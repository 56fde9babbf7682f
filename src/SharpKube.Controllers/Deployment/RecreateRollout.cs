using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// The Recreate strategy: scale every old ReplicaSet to 0, wait until none of their pods runs any more (pods that
/// succeeded or failed do not count), then create (or scale up) the new ReplicaSet at full size.
/// </summary>
internal sealed class RecreateRollout(NewReplicaSetSync revisions, ReplicaSetScaler scaler, RevisionHistoryCleanup cleanup,
    RolloutStatusSync status)
{
    /// <summary>Takes the next step of the rollout.</summary>
    public async Task RolloutAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        var (newReplicaSet, old) = await revisions.SyncAsync(state, createIfMissing: false, cancellationToken).ConfigureAwait(false);
        var scaledDown = false;
        foreach (var rs in ReplicaSetCounts.Active(old))
        {
            scaledDown |= await scaler.ScaleIfNeededAsync(state, rs, 0, cancellationToken).ConfigureAwait(false);
        }
        if (scaledDown || OldPodsRunning(state, newReplicaSet, state.Current(old)))
        {
            await status.SyncRolloutStatusAsync(state, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (newReplicaSet is null)
        {
            (newReplicaSet, _) = await revisions.SyncAsync(state, createIfMissing: true, cancellationToken).ConfigureAwait(false);
        }
        await scaler.ScaleIfNeededAsync(state, state.Current([newReplicaSet!])[0], DeploymentReplicas.Desired(state.Deployment),
            cancellationToken).ConfigureAwait(false);
        if (DeploymentProgress.IsComplete(state.Deployment, state.Deployment.Status))
        {
            await cleanup.CleanupAsync(state, cancellationToken).ConfigureAwait(false);
        }
        await status.SyncRolloutStatusAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private static bool OldPodsRunning(DeploymentState state, V1ReplicaSet? newReplicaSet, List<V1ReplicaSet> old)
    {
        if (ReplicaSetCounts.Actual(old) > 0)
        {
            return true;
        }
        foreach (var (uid, pods) in state.PodsByReplicaSet)
        {
            if (uid == newReplicaSet?.Metadata.Uid)
            {
                continue;
            }
            // A pod in any phase but Succeeded or Failed (Unknown included) may still be running.
            if (pods.Any(pod => pod.Status?.Phase is not ("Succeeded" or "Failed")))
            {
                return true;
            }
        }
        return false;
    }
}
