using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;
using SharpKube.Controllers.Ownership;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// Orphans the dependents of an owner deleted with the <c>orphan</c> finalizer (upstream's <c>attemptToOrphan</c>):
/// removes its reference from each dependent, then the finalizer, so the server removes the owner and the dependents stay.
/// </summary>
public sealed class AttemptToOrphanSync(DependencyGraph graph, LiveObjects objects, ILogger logger)
{
    private const string OrphanFinalizer = "orphan";
    private const int ConflictRetries = 5;

    /// <summary>Processes the owner with uid <paramref name="uid"/>; throws to have it retried with backoff.</summary>
    public async Task SyncAsync(string uid, CancellationToken cancellationToken)
    {
        if (graph.Snapshot(uid) is not { } owner)
        {
            return;
        }
        var errors = new List<Exception>();
        foreach (var dependent in owner.Dependents)
        {
            try
            {
                await RemoveReferenceAsync(dependent.Identity, uid, cancellationToken).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e)
            {
                errors.Add(e);
            }
        }
        if (errors.Count > 0)
        {
            throw new AggregateException($"orphaning the dependents of {owner.Identity} failed", errors);
        }
        await RetryOnConflictAsync(async () =>
        {
            var live = await objects.GetAsync(owner.Identity, cancellationToken).ConfigureAwait(false);
            if (live is null || live.Metadata.Uid != uid || live.Metadata.Finalizers?.Contains(OrphanFinalizer) != true)
            {
                return;
            }
            logger.LogDebug("Orphaned the dependents of {Object}; removing its {Finalizer} finalizer", owner.Identity, OrphanFinalizer);
            await objects.PatchAsync(owner.Identity, MetadataPatch.WithoutFinalizer(live, OrphanFinalizer), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private Task RemoveReferenceAsync(ObjectIdentity dependent, string ownerUid, CancellationToken cancellationToken) =>
        RetryOnConflictAsync(async () =>
        {
            var live = await objects.GetAsync(dependent, cancellationToken).ConfigureAwait(false);
            var references = live?.Metadata.OwnerReferences;
            if (live is null || live.Metadata.Uid != dependent.Uid || references?.Any(r => r.Uid == ownerUid) != true)
            {
                return;
            }
            await objects.PatchAsync(dependent, MetadataPatch.OwnerReferences(live, [.. references.Where(r => r.Uid != ownerUid)]),
                cancellationToken).ConfigureAwait(false);
        });

    /// <summary>Reads and writes again when someone else changed the object in between.</summary>
    private static async Task RetryOnConflictAsync(Func<Task> readAndWrite)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await readAndWrite().ConfigureAwait(false);
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsConflict(e) && attempt < ConflictRetries)
            {
            }
        }
    }
}
