using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// Scaling a Deployment outside a rollout step — when it is paused, or when <c>spec.replicas</c> changed: the one
/// active ReplicaSet takes the new size; during a rolling update the change is spread over the active ReplicaSets
/// in proportion to their sizes (so the rollout neither speeds up nor slows down); a saturated new ReplicaSet lets
/// the old ones go to 0.
/// </summary>
internal sealed class DeploymentScaling(NewReplicaSetSync revisions, ReplicaSetScaler scaler, RevisionHistoryCleanup cleanup,
    RolloutStatusSync status)
{
    /// <summary>True when an active ReplicaSet was sized for another <c>spec.replicas</c> than the Deployment's.</summary>
    public async Task<bool> IsScalingEventAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        await revisions.SyncAsync(state, createIfMissing: false, cancellationToken).ConfigureAwait(false);
        var desired = DeploymentReplicas.Desired(state.Deployment);
        return ReplicaSetCounts.Active(state.ReplicaSets)
            .Any(rs => DeploymentAnnotations.DesiredReplicasOf(rs) is { } annotated && annotated != desired);
    }

    /// <summary>Scales, cleans up history when paused, and updates the status (upstream's <c>sync</c>).</summary>
    public async Task SyncAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        await revisions.SyncAsync(state, createIfMissing: false, cancellationToken).ConfigureAwait(false);
        await ScaleAsync(state, cancellationToken).ConfigureAwait(false);
        if (state.Deployment.Spec?.Paused == true)
        {
            await cleanup.CleanupAsync(state, cancellationToken).ConfigureAwait(false);
        }
        await status.SyncDeploymentStatusAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private async Task ScaleAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var desired = DeploymentReplicas.Desired(deployment);
        var newReplicaSet = state.FindNew();
        var old = state.FindOld();
        if (ActiveOrLatest(newReplicaSet, old) is { } single)
        {
            await scaler.ScaleIfNeededAsync(state, single, desired, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (DeploymentReplicas.IsSaturated(deployment, newReplicaSet))
        {
            foreach (var rs in ReplicaSetCounts.Active(old))
            {
                await scaler.ScaleIfNeededAsync(state, rs, 0, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        if (DeploymentReplicas.IsRollingUpdate(deployment))
        {
            await ScaleProportionallyAsync(state, ReplicaSetCounts.Active([.. old, newReplicaSet]), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ScaleProportionallyAsync(DeploymentState state, List<V1ReplicaSet> active, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var desired = DeploymentReplicas.Desired(deployment);
        var allowed = desired > 0 ? desired + DeploymentReplicas.MaxSurge(deployment) : 0;
        var toAdd = allowed - ReplicaSetCounts.Spec(active);
        // Scaling up favours the newer of equal ReplicaSets, scaling down the older.
        var ordered = toAdd switch
        {
            > 0 => ReplicaSetOrder.Sorted(active, ReplicaSetOrder.BySizeNewer),
            < 0 => ReplicaSetOrder.Sorted(active, ReplicaSetOrder.BySizeOlder),
            _ => active,
        };
        var added = 0;
        var sizes = new List<int>(ordered.Count);
        foreach (var rs in ordered)
        {
            var share = toAdd == 0 ? 0 : DeploymentReplicas.Proportion(rs, deployment, toAdd, added);
            sizes.Add(DeploymentReplicas.Of(rs) + share);
            added += share;
        }
        for (var i = 0; i < ordered.Count; i++)
        {
            var size = sizes[i];
            if (i == 0 && toAdd != 0)
            {
                // Whatever rounding left over goes to (or comes from) the largest ReplicaSet.
                size = Math.Max(size + toAdd - added, 0);
            }
            await scaler.ScaleAsync(state, ordered[i], size, cancellationToken).ConfigureAwait(false);
        }
    }

    private static V1ReplicaSet? ActiveOrLatest(V1ReplicaSet? newReplicaSet, List<V1ReplicaSet> old)
    {
        if (newReplicaSet is null && old.Count == 0)
        {
            return null;
        }
        var newestFirst = ReplicaSetOrder.Sorted(old, ReplicaSetOrder.ByCreation);
        newestFirst.Reverse();
        var active = ReplicaSetCounts.Active([.. newestFirst, newReplicaSet]);
        return active.Count switch
        {
            0 => newReplicaSet ?? newestFirst[0],
            1 => active[0],
            _ => null,
        };
    }
}
