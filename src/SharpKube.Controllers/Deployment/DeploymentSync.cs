using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// Syncs one Deployment, level-driven, from the cached state: claim its ReplicaSets, then — in upstream's order —
/// only update the status of one being deleted, scale a paused one, scale one whose <c>spec.replicas</c> changed,
/// or take the next step of its Recreate or RollingUpdate rollout.
/// </summary>
internal sealed class DeploymentSync
{
    private readonly DeploymentSyncContext _context;
    private readonly Indexer<V1Deployment> _deployments;
    private readonly Indexer<V1Pod> _pods;
    private readonly ReplicaSetClaims _claims;
    private readonly NewReplicaSetSync _revisions;
    private readonly RolloutStatusSync _status;
    private readonly DeploymentScaling _scaling;
    private readonly RollingUpdateRollout _rolling;
    private readonly RecreateRollout _recreate;

    /// <summary>A sync over the given caches.</summary>
    public DeploymentSync(DeploymentSyncContext context, Indexer<V1Deployment> deployments, Indexer<V1Pod> pods)
    {
        _context = context;
        _deployments = deployments;
        _pods = pods;
        _claims = new ReplicaSetClaims(context);
        _revisions = new NewReplicaSetSync(context);
        _status = new RolloutStatusSync(context);
        var scaler = new ReplicaSetScaler(context);
        var cleanup = new RevisionHistoryCleanup(context);
        _scaling = new DeploymentScaling(_revisions, scaler, cleanup, _status);
        _rolling = new RollingUpdateRollout(_revisions, scaler, cleanup, _status);
        _recreate = new RecreateRollout(_revisions, scaler, cleanup, _status);
    }

    /// <summary>Syncs the Deployment with queue key <paramref name="key"/>; throws to be retried with backoff.</summary>
    public async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = MetaNamespaceKey.Split(key);
        if (_deployments.Get(ns, name) is not { } cached)
        {
            return;
        }
        var deployment = ModelCopy.Deep(cached);
        if (LabelSelectors.IsEmpty(deployment.Spec?.Selector))
        {
            await RefuseSelectingAllAsync(deployment, cancellationToken).ConfigureAwait(false);
            return;
        }
        LabelSelector selector;
        try
        {
            selector = LabelSelectors.From(deployment.Spec?.Selector);
        }
        catch (SelectorParseException e)
        {
            // Validation keeps such selectors out; should one get in, retrying cannot help until it changes.
            _context.Logger.LogWarning("Deployment {Key} has an invalid label selector: {Error}", key, e.Message);
            return;
        }
        var replicaSets = await _claims.ClaimAsync(deployment, selector, cancellationToken).ConfigureAwait(false);
        var state = new DeploymentState(key, deployment, replicaSets, PodsByReplicaSet(selector, replicaSets));
        try
        {
            await SyncStateAsync(state, cancellationToken).ConfigureAwait(false);
        }
        catch (NewReplicaSetRejectedException e)
        {
            _context.Logger.LogWarning("Deployment {Key}: {Error}", key, e.Message);
        }
    }

    private async Task SyncStateAsync(DeploymentState state, CancellationToken cancellationToken)
    {
        var deployment = state.Deployment;
        if (deployment.Metadata.DeletionTimestamp is not null)
        {
            await _revisions.SyncAsync(state, createIfMissing: false, cancellationToken).ConfigureAwait(false);
            await _status.SyncDeploymentStatusAsync(state, cancellationToken).ConfigureAwait(false);
            return;
        }
        await _status.CheckPausedConditionsAsync(state, cancellationToken).ConfigureAwait(false);
        if (state.Deployment.Spec?.Paused == true
            || await _scaling.IsScalingEventAsync(state, cancellationToken).ConfigureAwait(false))
        {
            await _scaling.SyncAsync(state, cancellationToken).ConfigureAwait(false);
            return;
        }
        switch (state.Deployment.Spec?.Strategy?.Type)
        {
            case DeploymentReplicas.Recreate:
                await _recreate.RolloutAsync(state, cancellationToken).ConfigureAwait(false);
                break;
            case DeploymentReplicas.RollingUpdate:
                await _rolling.RolloutAsync(state, cancellationToken).ConfigureAwait(false);
                break;
            case var other:
                throw new InvalidOperationException($"unexpected deployment strategy type: {other}");
        }
    }

    private async Task RefuseSelectingAllAsync(V1Deployment deployment, CancellationToken cancellationToken)
    {
        _context.Recorder.Event(deployment, EventType.Warning, "SelectingAll",
            "This deployment is selecting all pods. A non-empty selector is required.");
        if ((deployment.Status?.ObservedGeneration ?? 0) < (deployment.Metadata.Generation ?? 0))
        {
            deployment.Status ??= new V1DeploymentStatus();
            deployment.Status.ObservedGeneration = deployment.Metadata.Generation;
            await _context.UpdateStatusAsync(deployment, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The pods each of <paramref name="replicaSets"/> controls that the Deployment's selector matches, looked up by
    /// owner uid rather than by scanning the namespace.
    /// </summary>
    private Dictionary<string, List<V1Pod>> PodsByReplicaSet(LabelSelector selector, List<V1ReplicaSet> replicaSets)
    {
        var byUid = new Dictionary<string, List<V1Pod>>(replicaSets.Count, StringComparer.Ordinal);
        foreach (var rs in replicaSets)
        {
            var uid = rs.Metadata.Uid;
            byUid[uid] = [.. _pods.ByIndex(IndexNames.OwnerUid, uid).Where(pod =>
                ControllerRefs.Of(pod.Metadata)?.Uid == uid && LabelSelectors.Matches(selector, pod.Metadata.Labels))];
        }
        return byUid;
    }
}
