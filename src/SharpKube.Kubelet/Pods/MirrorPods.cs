using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Resources;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// Keeps a mirror pod in the API server for each static pod, as upstream's kubelet does: same name and namespace, the
/// <c>kubernetes.io/config.mirror</c> annotation holding the static pod's hash, owned by the Node. A mirror pod someone
/// deleted, or one of an older manifest, is created again (and <c>mirrorCreated</c> told, so the status is written to it);
/// one whose static pod is gone is deleted.
/// </summary>
public sealed class MirrorPods(ResourceClient<V1Pod> pods, string nodeName, string nodeUid, Action<string> mirrorCreated, ILogger logger)
{
    /// <summary>Brings the mirror pods in line with <paramref name="staticPods"/>; <paramref name="mirrors"/> are the mirror pods the kubelet's cache holds.</summary>
    public async Task SyncAsync(IReadOnlyList<V1Pod> staticPods, IEnumerable<V1Pod> mirrors, CancellationToken cancellationToken)
    {
        var wanted = staticPods.ToDictionary(p => (p.Metadata.NamespaceProperty, p.Metadata.Name));
        foreach (var mirror in mirrors)
        {
            var key = (mirror.Metadata.NamespaceProperty, mirror.Metadata.Name);
            var hash = MirrorHash(mirror);
            if (!wanted.TryGetValue(key, out var staticPod) || staticPod.Metadata.Uid != hash)
            {
                await DeleteAsync(mirror, cancellationToken).ConfigureAwait(false);
            }
        }
        foreach (var staticPod in staticPods)
        {
            var existing = await pods.GetAsync(staticPod.Metadata.NamespaceProperty, staticPod.Metadata.Name, cancellationToken).ConfigureAwait(false);
            if (existing is not null && MirrorHash(existing) == staticPod.Metadata.Uid
                && existing.Metadata.DeletionTimestamp is null)
            {
                continue;
            }
            if (existing is not null)
            {
                await DeleteAsync(existing, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                await pods.CreateAsync(Mirror(staticPod), cancellationToken).ConfigureAwait(false);
                // A new mirror has no status yet: the static pod's is written to it again.
                mirrorCreated(staticPod.Metadata.Uid);
                logger.LogInformation("Created the mirror pod {Namespace}/{Name}", staticPod.Metadata.NamespaceProperty, staticPod.Metadata.Name);
            }
            catch (Exception e) when (ApiErrors.IsConflict(e))
            {
                // The old one is still going away: the next sync creates it.
            }
        }
    }

    private static string? MirrorHash(V1Pod pod) =>
        pod.Metadata.Annotations is { } annotations && annotations.TryGetValue(StaticPods.ConfigMirrorAnnotation, out var hash) ? hash : null;

    private V1Pod Mirror(V1Pod staticPod)
    {
        var annotations = new Dictionary<string, string>(staticPod.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            [StaticPods.ConfigMirrorAnnotation] = staticPod.Metadata.Uid,
        };
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = staticPod.Metadata.Name,
                NamespaceProperty = staticPod.Metadata.NamespaceProperty,
                Labels = staticPod.Metadata.Labels,
                Annotations = annotations,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid, Controller = true }],
            },
            Spec = staticPod.Spec,
        };
    }

    private async Task DeleteAsync(V1Pod mirror, CancellationToken cancellationToken)
    {
        try
        {
            await pods.DeleteAsync(mirror.Metadata.NamespaceProperty, mirror.Metadata.Name,
                new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = mirror.Metadata.Uid } }, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Deleted the mirror pod {Namespace}/{Name}", mirror.Metadata.NamespaceProperty, mirror.Metadata.Name);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e) || ApiErrors.IsConflict(e))
        {
        }
    }
}
