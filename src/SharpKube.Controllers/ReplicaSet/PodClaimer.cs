using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.Client.Resources;
using SharpKube.Controllers.Ownership;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// Decides which pods a controller owns, as upstream's controller-ref manager does: pods it controls that still
/// match its selector are its own; those that no longer match are released (their controller reference removed);
/// orphans that match are adopted (a controller reference added) — but only after a fresh read shows the
/// controller still exists under the same uid and is not being deleted, and never while the controller is being
/// deleted or the pod is.
/// </summary>
/// <typeparam name="TOwner">The controller's model type.</typeparam>
public sealed class PodClaimer<TOwner>(ResourceClient<V1Pod> pods, ResourceClient<TOwner> owners, IReplicaKind<TOwner> kind, ILogger logger)
    where TOwner : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// The active pods <paramref name="owner"/> owns after adopting and releasing among <paramref name="candidates"/>.
    /// Throws (after claiming what it could) when an adoption or release failed, so the sync is retried.
    /// </summary>
    public async Task<IReadOnlyList<V1Pod>> ClaimAsync(TOwner owner, LabelSelector selector, IEnumerable<V1Pod> candidates,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(candidates);
        var claimed = new List<V1Pod>();
        var errors = new List<Exception>();
        var ownerDeleting = owner.Metadata.DeletionTimestamp is not null;
        Task? adoptionCheck = null;
        foreach (var pod in candidates)
        {
            var reference = ControllerRef.Of(pod);
            var matches = LabelSelectors.Matches(selector, pod.Metadata?.Labels);
            if (reference is not null)
            {
                if (reference.Uid != owner.Metadata.Uid)
                {
                    continue;
                }
                if (matches)
                {
                    claimed.Add(pod);
                }
                else if (!ownerDeleting)
                {
                    await TryAsync(() => ReleaseAsync(owner, pod, cancellationToken), errors).ConfigureAwait(false);
                }
                continue;
            }
            if (ownerDeleting || !matches || pod.Metadata?.DeletionTimestamp is not null
                || pod.Metadata?.NamespaceProperty != owner.Metadata.NamespaceProperty)
            {
                continue;
            }
            adoptionCheck ??= CheckCanAdoptAsync(owner, cancellationToken);
            await TryAsync(async () =>
            {
                await adoptionCheck.ConfigureAwait(false);
                claimed.Add(await AdoptAsync(owner, pod, cancellationToken).ConfigureAwait(false));
            }, errors).ConfigureAwait(false);
        }
        if (errors.Count > 0)
        {
            throw new AggregateException($"claiming pods for {kind.Kind} {owner.Metadata.NamespaceProperty}/{owner.Metadata.Name} failed", errors);
        }
        return claimed;
    }

    /// <summary>Upstream's recheck before adopting: the controller, read fresh, must be the same object and not being deleted.</summary>
    private async Task CheckCanAdoptAsync(TOwner owner, CancellationToken cancellationToken)
    {
        var fresh = await owners.GetAsync(owner.Metadata.NamespaceProperty, owner.Metadata.Name, cancellationToken).ConfigureAwait(false);
        if (fresh is null || fresh.Metadata.Uid != owner.Metadata.Uid)
        {
            throw new InvalidOperationException(
                $"original {kind.Kind} {owner.Metadata.NamespaceProperty}/{owner.Metadata.Name} is gone: got uid {fresh?.Metadata.Uid}, wanted {owner.Metadata.Uid}");
        }
        if (fresh.Metadata.DeletionTimestamp is { } deleted)
        {
            throw new InvalidOperationException(
                $"{owner.Metadata.NamespaceProperty}/{owner.Metadata.Name} has just been deleted at {deleted:O}");
        }
    }

    private async Task<V1Pod> AdoptAsync(TOwner owner, V1Pod pod, CancellationToken cancellationToken)
    {
        logger.LogInformation("Adopting pod {Namespace}/{Pod} into {Kind} {Owner}", pod.Metadata.NamespaceProperty, pod.Metadata.Name,
            kind.Kind, owner.Metadata.Name);
        var references = (pod.Metadata.OwnerReferences ?? []).Append(ControllerRef.For(owner, kind.ApiVersion, kind.Kind)).ToList();
        return await pods.PatchAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, MetadataPatch.OwnerReferences(pod, references), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task ReleaseAsync(TOwner owner, V1Pod pod, CancellationToken cancellationToken)
    {
        logger.LogInformation("Releasing pod {Namespace}/{Pod} from {Kind} {Owner}: its labels no longer match", pod.Metadata.NamespaceProperty,
            pod.Metadata.Name, kind.Kind, owner.Metadata.Name);
        var references = (pod.Metadata.OwnerReferences ?? []).Where(r => r.Uid != owner.Metadata.Uid).ToList();
        await pods.PatchAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, MetadataPatch.OwnerReferences(pod, references), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Runs one adoption or release; a pod that is gone needs neither, anything else is collected.</summary>
    private static async Task TryAsync(Func<Task> action, List<Exception> errors)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (ApiErrors.IsNotFound(e))
        {
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or InvalidOperationException)
        {
            errors.Add(e);
        }
    }
}
