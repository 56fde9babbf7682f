using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.PersistentVolumeClaims;

/// <summary>Upstream's PersistentVolumeClaim defaults, also applied to claim templates embedded elsewhere.</summary>
public static class PersistentVolumeClaimDefaults
{
    /// <summary>A claim spec defaults to volumeMode Filesystem.</summary>
    public static void ApplySpec(JsonObject spec) => spec.SetIfEmpty("volumeMode", "Filesystem");

    /// <summary>A whole claim: spec defaults and status phase Pending.</summary>
    public static void Apply(JsonObject claim)
    {
        ApplySpec(claim.EnsureObject("spec"));
        claim.EnsureObject("status").SetIfEmpty("phase", "Pending");
    }
}
