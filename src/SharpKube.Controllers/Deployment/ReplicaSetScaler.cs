using k8s.Models;
using SharpKube.Client.Events;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// Resizes a Deployment's ReplicaSet (a conditional update: a stale cache gets a 409 and a retry), keeping its
/// desired/max-replicas annotations current, and records a <c>ScalingReplicaSet</c> event for each resize.
/// </summary>
internal sealed class ReplicaSetScaler(DeploymentSyncContext context)
{
    /// <summary>Resizes <paramref name="rs"/> to <paramref name="size"/> if it differs; true when it did.</summary>
    public async Task<bool> ScaleIfNeededAsync(DeploymentState state, V1ReplicaSet rs, int size, CancellationToken cancellationToken) =>
        DeploymentReplicas.Of(rs) != size && await ScaleAsync(state, rs, size, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Sets <paramref name="rs"/>'s size to <paramref name="size"/> and its replica annotations to the Deployment's
    /// current ones, writing only when something differs; true when the size changed.
    /// </summary>
    public async Task<bool> ScaleAsync(DeploymentState state, V1ReplicaSet rs, int size, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        var desired = DeploymentReplicas.Desired(deployment);
        var max = desired + DeploymentReplicas.MaxSurge(deployment);
        var oldSize = DeploymentReplicas.Of(rs);
        var resize = oldSize != size;
        if (!resize && !DeploymentAnnotations.ReplicasAnnotationsNeedUpdate(rs, desired, max))
        {
            return false;
        }
        var copy = ModelCopy.Deep(rs);
        copy.Spec.Replicas = size;
        DeploymentAnnotations.SetReplicasAnnotations(copy, desired, max);
        var updated = await context.ReplicaSets.ReplaceAsync(copy, cancellationToken).ConfigureAwait(false);
        state.Track(updated);
        if (resize)
        {
            context.Recorder.Event(deployment, EventType.Normal, "ScalingReplicaSet",
                $"Scaled {(oldSize < size ? "up" : "down")} replica set {updated.Metadata.Name} from {oldSize} to {size}");
        }
        return resize;
    }
}
