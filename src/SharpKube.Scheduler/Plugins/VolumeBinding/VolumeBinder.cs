using k8s;
using k8s.Models;

namespace SharpKube.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// Writes a binding both ways, as upstream's volume binder and PV controller do between them (SharpKube has no PV
/// controller yet): the volume gets the claim reference and phase Bound, the claim gets the volume name, the
/// <c>bind-completed</c> annotation and phase Bound with the volume's capacity and access modes. Objects are read
/// fresh from the API, never changed in the informer's cache; a volume claimed meanwhile by another claim fails.
/// </summary>
internal sealed class VolumeBinder(IKubernetes client)
{
    /// <summary>Binds <paramref name="decision"/>'s volume and claim.</summary>
    public async Task BindAsync(VolumeBindingDecision decision, CancellationToken cancellationToken)
    {
        var claimName = decision.Claim.Metadata?.Name ?? "";
        var ns = decision.Claim.Metadata?.NamespaceProperty ?? "";
        var claim = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claimName, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        var volume = await client.CoreV1.ReadPersistentVolumeAsync(decision.VolumeName, cancellationToken: cancellationToken).ConfigureAwait(false);
        volume.Spec ??= new V1PersistentVolumeSpec();
        if (volume.Spec.ClaimRef is null)
        {
            volume.Spec.ClaimRef = new V1ObjectReference
            {
                ApiVersion = "v1",
                Kind = "PersistentVolumeClaim",
                NamespaceProperty = ns,
                Name = claimName,
                Uid = claim.Metadata?.Uid,
                ResourceVersion = claim.Metadata?.ResourceVersion,
            };
            Annotate(volume.Metadata ??= new V1ObjectMeta(), VolumeAnnotations.BoundByController);
            volume = await client.CoreV1.ReplacePersistentVolumeAsync(volume, decision.VolumeName, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        else if (!VolumeMatching.IsBoundTo(volume, claim))
        {
            throw new InvalidOperationException(
                $"volume \"{decision.VolumeName}\" is already bound to claim \"{volume.Spec.ClaimRef.NamespaceProperty}/{volume.Spec.ClaimRef.Name}\"");
        }
        if (volume.Status?.Phase != "Bound")
        {
            volume.Status ??= new V1PersistentVolumeStatus();
            volume.Status.Phase = "Bound";
            volume = await client.CoreV1.ReplacePersistentVolumeStatusAsync(volume, decision.VolumeName, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }

        claim.Spec ??= new V1PersistentVolumeClaimSpec();
        var meta = claim.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(claim.Spec.VolumeName))
        {
            claim.Spec.VolumeName = decision.VolumeName;
            Annotate(meta, VolumeAnnotations.BoundByController);
        }
        Annotate(meta, VolumeAnnotations.BindCompleted);
        claim = await client.CoreV1.ReplaceNamespacedPersistentVolumeClaimAsync(claim, claimName, ns, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        claim.Status ??= new V1PersistentVolumeClaimStatus();
        claim.Status.Phase = "Bound";
        claim.Status.AccessModes = volume.Spec?.AccessModes;
        claim.Status.Capacity = volume.Spec?.Capacity;
        await client.CoreV1.ReplaceNamespacedPersistentVolumeClaimStatusAsync(claim, claimName, ns, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    private static void Annotate(V1ObjectMeta meta, string annotation)
    {
        meta.Annotations ??= new Dictionary<string, string>();
        meta.Annotations[annotation] = VolumeAnnotations.Yes;
    }
}
