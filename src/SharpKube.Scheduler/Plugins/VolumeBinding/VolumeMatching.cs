using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.NodeAffinity;

namespace SharpKube.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// Upstream's rules for which volume can serve a claim on a node (<c>FindMatchingVolume</c>, <c>CheckNodeAffinity</c>):
/// unclaimed (or pre-bound to the claim), of the claim's class and volume mode, offering every access mode the claim
/// asks for, labelled as the claim's selector wants, reachable from the node and at least as large as the request;
/// the smallest such volume wins.
/// </summary>
internal static class VolumeMatching
{
    private const string BetaClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    /// <summary>Whether the claim is bound: it names its volume and the binding was completed (upstream's <c>isPVCFullyBound</c>).</summary>
    public static bool IsFullyBound(V1PersistentVolumeClaim claim) =>
        !string.IsNullOrEmpty(claim.Spec?.VolumeName) && claim.Metadata?.Annotations?.ContainsKey(VolumeAnnotations.BindCompleted) == true;

    /// <summary>The claim's storage class: the beta annotation, else <c>spec.storageClassName</c>, else "".</summary>
    public static string ClassOf(V1PersistentVolumeClaim claim) =>
        claim.Metadata?.Annotations?.TryGetValue(BetaClassAnnotation, out var beta) == true ? beta : claim.Spec?.StorageClassName ?? "";

    /// <summary>The volume's storage class, read the same way.</summary>
    public static string ClassOf(V1PersistentVolume volume) =>
        volume.Metadata?.Annotations?.TryGetValue(BetaClassAnnotation, out var beta) == true ? beta : volume.Spec?.StorageClassName ?? "";

    /// <summary>The storage the claim requests, in bytes.</summary>
    public static long Requested(V1PersistentVolumeClaim claim) =>
        Quantities.Value(claim.Spec?.Resources?.Requests?.TryGetValue("storage", out var q) == true ? q : null);

    /// <summary>Whether the volume's required node affinity (if any) lets <paramref name="node"/> reach it.</summary>
    public static bool IsReachableFrom(V1PersistentVolume volume, V1Node node)
    {
        if (volume.Spec?.NodeAffinity?.Required is not { } required)
        {
            return true;
        }
        foreach (var term in required.NodeSelectorTerms ?? [])
        {
            if (NodeSelectorTermMatcher.Parse(term, out _) is { } matcher && matcher.Matches(node))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the volume's claim reference names <paramref name="claim"/> (with its uid, or none).</summary>
    public static bool IsBoundTo(V1PersistentVolume volume, V1PersistentVolumeClaim claim) =>
        volume.Spec?.ClaimRef is { } reference
        && reference.Name == claim.Metadata?.Name
        && reference.NamespaceProperty == claim.Metadata?.NamespaceProperty
        && (string.IsNullOrEmpty(reference.Uid) || reference.Uid == claim.Metadata?.Uid);

    /// <summary>
    /// The smallest volume that can serve <paramref name="claim"/> on <paramref name="node"/>, skipping
    /// <paramref name="taken"/> (chosen for the pod's other claims, or assumed by pods in flight); null when none can.
    /// </summary>
    public static V1PersistentVolume? FindMatching(V1PersistentVolumeClaim claim, IReadOnlyList<V1PersistentVolume> volumes, V1Node node,
        Func<V1PersistentVolume, bool> taken)
    {
        var requested = Requested(claim);
        var className = ClassOf(claim);
        var claimMode = claim.Spec?.VolumeMode ?? "Filesystem";
        var wantedName = claim.Spec?.VolumeName;
        V1PersistentVolume? smallest = null;
        long smallestSize = 0;
        foreach (var volume in volumes)
        {
            if (taken(volume) || volume.Metadata?.DeletionTimestamp is not null)
            {
                continue;
            }
            if (!string.IsNullOrEmpty(wantedName) && volume.Metadata?.Name != wantedName)
            {
                continue;
            }
            var size = Quantities.Value(volume.Spec?.Capacity?.TryGetValue("storage", out var q) == true ? q : null);
            if (size < requested || (volume.Spec?.VolumeMode ?? "Filesystem") != claimMode || !HasAccessModes(volume, claim)
                || !IsReachableFrom(volume, node))
            {
                continue;
            }
            if (IsBoundTo(volume, claim))
            {
                // Pre-bound to this claim: nothing else may serve it.
                return volume;
            }
            // Upstream takes only Available volumes; with no PV controller here to promote new volumes from Pending,
            // an unclaimed Pending volume is as good.
            if (volume.Spec?.ClaimRef is not null || volume.Status?.Phase is not (null or "Available" or "Pending"))
            {
                continue;
            }
            if (ClassOf(volume) != className || !ClaimSelector.Matches(claim.Spec?.Selector, volume.Metadata?.Labels))
            {
                continue;
            }
            if (smallest is null || size < smallestSize)
            {
                (smallest, smallestSize) = (volume, size);
            }
        }
        return smallest;
    }

    private static bool HasAccessModes(V1PersistentVolume volume, V1PersistentVolumeClaim claim)
    {
        var offered = volume.Spec?.AccessModes ?? [];
        return (claim.Spec?.AccessModes ?? []).All(offered.Contains);
    }
}
