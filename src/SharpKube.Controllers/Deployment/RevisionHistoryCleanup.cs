using k8s.Autorest;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// Keeps a Deployment's history to <c>spec.revisionHistoryLimit</c> old ReplicaSets: deletes the lowest revisions
/// beyond it, but only ReplicaSets that are scaled to 0, have no pods left and whose controller has seen that.
/// </summary>
internal sealed class RevisionHistoryCleanup(DeploymentSyncContext context)
{
    /// <summary>Deletes the old ReplicaSets beyond the history limit that are safe to delete.</summary>
    public async Task CleanupAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        if (state.Deployment.Spec?.RevisionHistoryLimit is not { } limit)
        {
            return;
        }
        var old = state.FindOld().Where(rs => rs.Metadata.DeletionTimestamp is null).ToList();
        var excess = old.Count - limit;
        if (excess <= 0)
        {
            return;
        }
        foreach (var rs in ReplicaSetOrder.Sorted(old, ReplicaSetOrder.ByRevision).Take(excess))
        {
            if ((rs.Status?.Replicas ?? 0) != 0 || DeploymentReplicas.Of(rs) != 0
                || (rs.Metadata.Generation ?? 0) > (rs.Status?.ObservedGeneration ?? 0))
            {
                continue;
            }
            context.Logger.LogDebug("Deleting old ReplicaSet {Name} of Deployment {Key}", rs.Metadata.Name, state.Key);
            try
            {
                await context.ReplicaSets.DeleteAsync(rs.Metadata.NamespaceProperty, rs.Metadata.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (ApiErrors.IsNotFound(e))
            {
            }
            state.Forget(rs);
        }
    }
}
