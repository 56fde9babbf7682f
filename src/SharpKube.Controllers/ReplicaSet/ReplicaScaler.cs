using System.Runtime.ExceptionServices;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Controllers.Ownership;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// Creates or deletes pods so that a controller owns <c>spec.replicas</c> of them, as upstream's
/// <c>manageReplicas</c> does: at most <see cref="BurstReplicas"/> per sync, creations in slow-start batches that stop
/// at the first failure, deletions of the pods ranked first by <see cref="PodDeletionOrder"/>; each write recorded in
/// the expectations first and reported as an event on the controller.
/// </summary>
/// <typeparam name="TOwner">The controller's model type.</typeparam>
public sealed class ReplicaScaler<TOwner>(ResourceClient<V1Pod> pods, SharedInformer<V1Pod> podInformer, SharedInformer<TOwner> owners,
    IReplicaKind<TOwner> kind, ControllerExpectations expectations, EventRecorder recorder, TimeProvider time, ILogger logger)
    where TOwner : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The most pods created or deleted in one sync (upstream's <c>BurstReplicas</c>).</summary>
    public const int BurstReplicas = 500;

    /// <summary>
    /// Creates or deletes the difference between <paramref name="owned"/> (the active pods the controller owns) and
    /// the desired count. Throws the first failure after recording the expectations it will not meet.
    /// </summary>
    public Task ScaleAsync(string key, TOwner owner, LabelSelector selector, IReadOnlyList<V1Pod> owned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(owned);
        var diff = owned.Count - kind.Replicas(owner);
        return diff switch
        {
            < 0 => CreateAsync(key, owner, selector, Math.Min(-diff, BurstReplicas), cancellationToken),
            > 0 => DeleteAsync(key, owner, owned, Math.Min(diff, BurstReplicas), cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private async Task CreateAsync(string key, TOwner owner, LabelSelector selector, int count, CancellationToken cancellationToken)
    {
        var template = kind.Template(owner) ?? throw new InvalidOperationException("unable to create pods: the template is missing");
        var labels = template.Metadata?.Labels;
        if (labels is null || labels.Count == 0)
        {
            throw new InvalidOperationException("unable to create pods, no labels");
        }
        if (!LabelSelectors.Matches(selector, labels))
        {
            // The API server refuses such templates; should one slip through, every pod created would be released at
            // once and replaced, without end.
            throw new InvalidOperationException($"unable to create pods: the template's labels do not match the selector {selector}");
        }
        logger.LogDebug("Too few replicas for {Kind} {Key}: creating {Count}", kind.Kind, key, count);
        expectations.ExpectCreations(key, count);
        var controllerRef = ControllerRef.For(owner, kind.ApiVersion, kind.Kind);
        var (successes, error) = await SlowStartBatch.RunAsync(count, SlowStartBatch.InitialBatchSize,
            () => CreatePodAsync(owner, template, controllerRef, cancellationToken)).ConfigureAwait(false);
        // The creations never attempted or failed will not be observed: stop waiting for them; the next sync retries.
        for (var skipped = count - successes; skipped > 0; skipped--)
        {
            expectations.CreationObserved(key);
        }
        if (error is not null)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    private async Task CreatePodAsync(TOwner owner, V1PodTemplateSpec template, V1OwnerReference controllerRef, CancellationToken cancellationToken)
    {
        try
        {
            var created = await pods.CreateAsync(PodFromTemplate.Build(owner, template, controllerRef), cancellationToken).ConfigureAwait(false);
            recorder.Event(owner, EventType.Normal, "SuccessfulCreate", "Created pod: " + created.Metadata.Name);
        }
        catch (HttpOperationException e) when (ApiErrorMessage.IsNamespaceTerminating(e))
        {
            // The namespace is going away, and the pods with it: nothing to retry or report (as upstream).
        }
        catch (HttpOperationException e)
        {
            recorder.Event(owner, EventType.Warning, "FailedCreate", "Error creating: " + ApiErrorMessage.Of(e));
            throw;
        }
    }

    private async Task DeleteAsync(string key, TOwner owner, IReadOnlyList<V1Pod> owned, int count, CancellationToken cancellationToken)
    {
        var doomed = PodDeletionOrder.PodsToDelete(owned, RelatedPods(owner, owned), count, time.GetUtcNow());
        logger.LogDebug("Too many replicas for {Kind} {Key}: deleting {Count}", kind.Kind, key, doomed.Count);
        expectations.ExpectDeletions(key, doomed.Select(p => MetaNamespaceKey.For(p)));
        var errors = await Task.WhenAll(doomed.Select(pod => DeletePodAsync(key, owner, pod, cancellationToken))).ConfigureAwait(false);
        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    private async Task<Exception?> DeletePodAsync(string key, TOwner owner, V1Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await pods.DeleteAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, cancellationToken).ConfigureAwait(false);
            recorder.Event(owner, EventType.Normal, "SuccessfulDelete", "Deleted pod: " + pod.Metadata.Name);
            return null;
        }
        catch (HttpOperationException e)
        {
            // This deletion will not be observed: stop waiting for it.
            expectations.DeletionObserved(key, MetaNamespaceKey.For(pod));
            if (ApiErrors.IsNotFound(e))
            {
                return null;
            }
            recorder.Event(owner, EventType.Warning, "FailedDelete", "Error deleting: " + ApiErrorMessage.Of(e));
            return e;
        }
    }

    /// <summary>
    /// The pods that share nodes with this controller's for ranking: those of every controller that has the same
    /// controller as this one (the ReplicaSets of one Deployment), else its own.
    /// </summary>
    private IEnumerable<V1Pod> RelatedPods(TOwner owner, IReadOnlyList<V1Pod> owned)
    {
        if (ControllerRef.Of(owner) is not { } parent)
        {
            return owned;
        }
        return owners.Indexer.List(owner.Metadata.NamespaceProperty ?? "")
            .Where(sibling => ControllerRef.Of(sibling)?.Uid == parent.Uid)
            .SelectMany(sibling => podInformer.Indexer.ByIndex(PodControllerIndex.Name, sibling.Metadata.Uid));
    }
}
