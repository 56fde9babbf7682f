using System.Runtime.ExceptionServices;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// One sync of one ReplicaSet or ReplicationController, level-driven and idempotent: claim its pods, create or
/// delete replicas when its expectations are met, and write its status when it changed.
/// </summary>
/// <typeparam name="TOwner">The controller's model type.</typeparam>
public sealed class ReplicaSync<TOwner>(SharedInformer<TOwner> owners, SharedInformer<V1Pod> pods, ResourceClient<TOwner> ownerClient,
    IReplicaKind<TOwner> kind, ControllerExpectations expectations, PodClaimer<TOwner> claimer, ReplicaScaler<TOwner> scaler,
    RateLimitingQueue<string> queue, TimeProvider time, ILogger logger)
    where TOwner : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Syncs the controller with cache key <paramref name="key"/>; throws to have the key retried with backoff.</summary>
    public async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = MetaNamespaceKey.Split(key);
        var owner = owners.Indexer.Get(ns, name);
        if (owner is null)
        {
            logger.LogDebug("{Kind} {Key} has been deleted", kind.Kind, key);
            expectations.Delete(key);
            return;
        }
        // Read before listing pods: the pods then reflect at least what the expectations waited for.
        var needsScaling = expectations.Satisfied(key);
        LabelSelector selector;
        try
        {
            selector = kind.Selector(owner);
        }
        catch (SelectorParseException e)
        {
            // Retrying cannot help until the object changes, and a change enqueues it again.
            logger.LogError(e, "{Kind} {Key} has an invalid selector", kind.Kind, key);
            return;
        }
        var candidates = PodControllerIndex.OwnedAndOrphans(pods, ns, owner.Metadata.Uid).Where(PodReadiness.IsActive);
        var owned = await claimer.ClaimAsync(owner, selector, candidates, cancellationToken).ConfigureAwait(false);
        Exception? scaleError = null;
        if (needsScaling && owner.Metadata.DeletionTimestamp is null)
        {
            try
            {
                await scaler.ScaleAsync(key, owner, selector, owned, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                scaleError = e;
            }
        }
        var desired = kind.Replicas(owner);
        var minReadySeconds = kind.MinReadySeconds(owner);
        var status = ReplicaStatusCalculator.Calculate(kind.StatusOf(owner), owner.Metadata.Generation ?? 0, kind.Template(owner), desired,
            minReadySeconds, owned, scaleError, time.GetUtcNow());
        await WriteStatusAsync(owner, status, cancellationToken).ConfigureAwait(false);
        if (scaleError is not null)
        {
            ExceptionDispatchInfo.Throw(scaleError);
        }
        if (minReadySeconds > 0 && status.ReadyReplicas == desired && status.AvailableReplicas != desired)
        {
            // Nothing else will happen when the ready pods become available: look again then.
            queue.AddAfter(key, TimeSpan.FromSeconds(minReadySeconds));
        }
    }

    /// <summary>Writes the status through the status subresource unless it is unchanged; one retry on a conflict.</summary>
    private async Task WriteStatusAsync(TOwner owner, ReplicaStatus status, CancellationToken cancellationToken)
    {
        if (kind.StatusOf(owner).SameAs(status))
        {
            return;
        }
        var target = owner;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ownerClient.ReplaceStatusAsync(kind.WithStatus(target, status), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException e) when (ApiErrors.IsNotFound(e))
            {
                return;
            }
            catch (HttpOperationException e) when (ApiErrors.IsConflict(e) && attempt == 0)
            {
                var fresh = await ownerClient.GetAsync(owner.Metadata.NamespaceProperty, owner.Metadata.Name, cancellationToken).ConfigureAwait(false);
                if (fresh is null || fresh.Metadata.Uid != owner.Metadata.Uid)
                {
                    return;
                }
                target = fresh;
            }
        }
    }
}
