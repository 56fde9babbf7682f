using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Resources;
using SharpKube.Client.WorkQueues;
using SharpKube.Controllers.Ownership;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// Decides, for one object, whether it is garbage (upstream's <c>attemptToDeleteItem</c>), always from a live read
/// of the object and of each of its owners:
/// <list type="bullet">
/// <item>gone (404 or another uid) → the graph drops it, and its dependents are looked at;</item>
/// <item>waiting for its dependents (foreground) → when none of them blocks it any more, its finalizer is removed;</item>
/// <item>some owner still there → only the references to owners that are gone or being deleted in the foreground are removed;</item>
/// <item>every owner gone → deleted (Background, or as its own finalizers say);</item>
/// <item>an owner waiting for its dependents → deleted in the foreground, after unblocking its owners if it is
/// itself one of theirs (an ownership cycle).</item>
/// </list>
/// </summary>
public sealed class AttemptToDeleteSync(DependencyGraph graph, LiveObjects objects, OwnerClassifier classifier,
    RateLimitingQueue<string> attemptToDelete, EventRecorder recorder, ILogger logger)
{
    private const string OrphanFinalizer = "orphan";
    private const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>Processes the object with uid <paramref name="uid"/>; throws to have it retried with backoff.</summary>
    public async Task SyncAsync(string uid, CancellationToken cancellationToken)
    {
        if (graph.Snapshot(uid) is not { } node)
        {
            return;
        }
        if (!node.Observed && node.Identity.Namespace.Length == 0 && objects.IsNamespaced(node.Identity))
        {
            // Named as a namespaced owner by cluster-scoped objects only: no such owner can exist. Each dependent
            // reports its invalid reference; retrying this node would never help.
            foreach (var dependent in node.Dependents)
            {
                attemptToDelete.Add(dependent.Identity.Uid);
            }
            return;
        }
        var live = await objects.GetAsync(node.Identity, cancellationToken).ConfigureAwait(false);
        if (live is null || live.Metadata.Uid != uid)
        {
            graph.Enqueue(new GraphChange(GraphChangeType.VirtualDelete, null, objects.Normalize(node.Identity)));
            return;
        }
        if (!node.Observed)
        {
            // An owner that exists, not yet seen by an informer: its dependents are fine; the informer will add it.
            return;
        }
        if (node.DeletingDependents)
        {
            await FinishForegroundDeletionAsync(node, live, cancellationToken).ConfigureAwait(false);
            return;
        }
        var references = live.Metadata.OwnerReferences ?? [];
        if (references.Count == 0)
        {
            return;
        }
        var solid = new List<V1OwnerReference>();
        var gone = new List<V1OwnerReference>();
        var waiting = new List<V1OwnerReference>();
        foreach (var reference in references)
        {
            switch (await classifier.ClassifyAsync(reference, live, cancellationToken).ConfigureAwait(false))
            {
                case OwnerState.Solid:
                    solid.Add(reference);
                    break;
                case OwnerState.Dangling:
                    gone.Add(reference);
                    break;
                case OwnerState.WaitingForDependentsDeletion:
                    waiting.Add(reference);
                    break;
                default:
                    recorder.Event(Reference(node.Identity), EventType.Warning, "OwnerRefInvalidNamespace",
                        $"ownerRef [{reference.ApiVersion}/{reference.Kind}, namespace: , name: {reference.Name}, uid: {reference.Uid}] does not exist in namespace \"\"");
                    return;
            }
        }
        if (solid.Count > 0)
        {
            if (gone.Count + waiting.Count > 0)
            {
                logger.LogDebug("Removing references of {Object} to owners that are gone or being deleted", node.Identity);
                var doomed = gone.Concat(waiting).Select(r => r.Uid).ToHashSet(StringComparer.Ordinal);
                await objects.PatchAsync(node.Identity, MetadataPatch.OwnerReferences(live, [.. references.Where(r => !doomed.Contains(r.Uid))]),
                    cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        if (waiting.Count > 0 && node.Dependents.Count > 0)
        {
            if (node.Dependents.Any(d => d.DeletingDependents))
            {
                // This object and one of its owners each wait for the other: stop blocking the owner so it can finish.
                logger.LogDebug("Unblocking the owners of {Object}: it and they wait for each other", node.Identity);
                await objects.PatchAsync(node.Identity, MetadataPatch.OwnerReferences(live, [.. references.Select(Unblocked)]),
                    cancellationToken).ConfigureAwait(false);
            }
            logger.LogDebug("Deleting {Object} in the foreground: its owner waits for its dependents", node.Identity);
            await objects.DeleteAsync(node.Identity, "Foreground", cancellationToken).ConfigureAwait(false);
            return;
        }
        var finalizers = live.Metadata.Finalizers ?? [];
        var policy = finalizers.Contains(OrphanFinalizer) ? "Orphan" : finalizers.Contains(ForegroundFinalizer) ? "Foreground" : "Background";
        logger.LogDebug("Deleting {Object} ({Policy}): none of its owners exists", node.Identity, policy);
        await objects.DeleteAsync(node.Identity, policy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An object being deleted in the foreground: once no dependent blocks it, its finalizer goes (and the server
    /// removes it); until then the blocking dependents are pushed along.
    /// </summary>
    private async Task FinishForegroundDeletionAsync(NodeSnapshot node, PartialObjectMetadata live, CancellationToken cancellationToken)
    {
        var blocking = node.Dependents.Where(d => d.BlocksOwner && d.Identity.Uid != node.Identity.Uid).ToList();
        if (blocking.Count == 0)
        {
            if (live.Metadata.Finalizers?.Contains(ForegroundFinalizer) == true)
            {
                logger.LogDebug("Removing the {Finalizer} finalizer of {Object}: no dependent blocks it", ForegroundFinalizer, node.Identity);
                await objects.PatchAsync(node.Identity, MetadataPatch.WithoutFinalizer(live, ForegroundFinalizer), cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        foreach (var dependent in blocking.Where(d => !d.DeletingDependents))
        {
            attemptToDelete.Add(dependent.Identity.Uid);
        }
    }

    private static V1OwnerReference Unblocked(V1OwnerReference reference) =>
        reference.BlockOwnerDeletion == true ? reference with { BlockOwnerDeletion = false } : reference;

    private static V1ObjectReference Reference(ObjectIdentity identity) => new()
    {
        ApiVersion = identity.ApiVersion,
        Kind = identity.Kind,
        NamespaceProperty = identity.Namespace.Length == 0 ? null : identity.Namespace,
        Name = identity.Name,
        Uid = identity.Uid,
    };
}
