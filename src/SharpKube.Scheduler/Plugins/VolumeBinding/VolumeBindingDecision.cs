using k8s.Models;

namespace SharpKube.Scheduler.Plugins.VolumeBinding;

/// <summary>A claim and the volume picked to bind it to.</summary>
/// <param name="Claim">The claim (as the informer had it).</param>
/// <param name="Volume">The volume (as the informer had it).</param>
internal sealed record VolumeBindingDecision(V1PersistentVolumeClaim Claim, V1PersistentVolume Volume)
{
    /// <summary>The claim's namespace/name.</summary>
    public string ClaimKey => Claim.Metadata?.NamespaceProperty + "/" + Claim.Metadata?.Name;

    /// <summary>The volume's name.</summary>
    public string VolumeName => Volume.Metadata?.Name ?? "";
}
