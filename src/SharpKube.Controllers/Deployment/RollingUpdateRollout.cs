using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// One step of a rolling update: grow the new ReplicaSet as far as maxSurge allows, or else shrink old ReplicaSets
/// as far as maxUnavailable allows — first their unavailable pods, then the oldest ReplicaSets first — and update
/// the status. Each step is computed from the current state, so steps repeat until the rollout completes.
/// </summary>
internal sealed class RollingUpdateRollout(NewReplicaSetSync revisions, ReplicaSetScaler scaler, RevisionHistoryCleanup cleanup,
    RolloutStatusSync status)
{
    /// <summary>Takes the next step of the rollout.</summary>
    public async Task RolloutAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        var (newReplicaSet, _) = await revisions.SyncAsync(state, createIfMissing: true, cancellationToken).ConfigureAwait(false);
        var scaled = await ReconcileNewAsync(state, newReplicaSet!, cancellationToken).ConfigureAwait(false)
            || await ReconcileOldAsync(state, cancellationToken).ConfigureAwait(false);
        if (!scaled && DeploymentProgress.IsComplete(state.Deployment, state.Deployment.Status))
        {
            await cleanup.CleanupAsync(state, cancellationToken).ConfigureAwait(false);
        }
        await status.SyncRolloutStatusAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ReconcileNewAsync(DeploymentState state, V1ReplicaSet newReplicaSet, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var desired = DeploymentReplicas.Desired(deployment);
        var size = DeploymentReplicas.Of(newReplicaSet);
        if (size == desired)
        {
            return false;
        }
        var target = size > desired ? desired : DeploymentReplicas.NewReplicaSetReplicas(deployment, state.ReplicaSets, newReplicaSet);
        return await scaler.ScaleIfNeededAsync(state, newReplicaSet, target, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ReconcileOldAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var newReplicaSet = state.FindNew()!;
        var old = ReplicaSetCounts.Active(state.FindOld());
        if (ReplicaSetCounts.Spec(old) == 0)
        {
            return false;
        }
        var minAvailable = DeploymentReplicas.Desired(deployment) - DeploymentReplicas.MaxUnavailable(deployment);
        var newUnavailable = DeploymentReplicas.Of(newReplicaSet) - (newReplicaSet.Status?.AvailableReplicas ?? 0);
        // Old pods may go as long as the pods that stay (minus the new ones not yet available) keep minAvailable.
        // Unavailable old pods count here too: removing them first costs no availability.
        var maxScaledDown = ReplicaSetCounts.Spec(state.ReplicaSets) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }
        var cleaned = await ScaleDownUnhealthyAsync(state, old, maxScaledDown, cancellationToken).ConfigureAwait(false);
        var scaledDown = await ScaleDownAvailableAsync(state, state.Current(old), minAvailable, cancellationToken).ConfigureAwait(false);
        return cleaned + scaledDown > 0;
    }

    private async Task<int> ScaleDownUnhealthyAsync(DeploymentState state, List<V1ReplicaSet> old, int maxCount,
        CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var rs in ReplicaSetOrder.Sorted(old, ReplicaSetOrder.ByCreation))
        {
            if (total >= maxCount)
            {
                break;
            }
            var size = DeploymentReplicas.Of(rs);
            var unhealthy = size - (rs.Status?.AvailableReplicas ?? 0);
            if (size == 0 || unhealthy <= 0)
            {
                continue;
            }
            var count = Math.Min(maxCount - total, unhealthy);
            await scaler.ScaleIfNeededAsync(state, rs, size - count, cancellationToken).ConfigureAwait(false);
            total += count;
        }
        return total;
    }

    private async Task<int> ScaleDownAvailableAsync(DeploymentState state, List<V1ReplicaSet> old, int minAvailable,
        CancellationToken cancellationToken)
    {
        // Upstream counts status.availableReplicas as reported; a status that lags a scale-down still counts pods
        // that are going away, and scaling down by that count breaks maxUnavailable. Count only pods that stay.
        var newReplicaSet = state.FindNew();
        var available = ReplicaSetCounts.AvailableWithinSpec([.. old, newReplicaSet]);
        if (available <= minAvailable)
        {
            return 0;
        }
        var toScaleDown = available - minAvailable;
        var total = 0;
        foreach (var rs in ReplicaSetOrder.Sorted(old, ReplicaSetOrder.ByCreation))
        {
            if (total >= toScaleDown)
            {
                break;
            }
            var size = DeploymentReplicas.Of(rs);
            if (size == 0)
            {
                continue;
            }
            var count = Math.Min(size, toScaleDown - total);
            await scaler.ScaleIfNeededAsync(state, rs, size - count, cancellationToken).ConfigureAwait(false);
            total += count;
        }
        return total;
    }
}
