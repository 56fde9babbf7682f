using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>Controller references (<c>ownerReferences</c> entries with <c>controller: true</c>).</summary>
internal static class ControllerRefs
{
    /// <summary>The controller of the object, or null for an orphan.</summary>
    public static V1OwnerReference? Of(V1ObjectMeta? metadata) => metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>The reference a Deployment's ReplicaSets carry.</summary>
    public static V1OwnerReference For(V1Deployment deployment) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Name = deployment.Metadata.Name,
        Uid = deployment.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>True when <paramref name="reference"/> may point at an apps Deployment (any version).</summary>
    public static bool IsDeployment(V1OwnerReference reference) =>
        reference.Kind == "Deployment" && (reference.ApiVersion ?? "").StartsWith("apps/", StringComparison.Ordinal);

    /// <summary>True when two references name the same controller (or both are null).</summary>
    public static bool Same(V1OwnerReference? a, V1OwnerReference? b) =>
        a is null ? b is null : b is not null && a.Uid == b.Uid && a.Name == b.Name && a.Kind == b.Kind && a.ApiVersion == b.ApiVersion;
}
