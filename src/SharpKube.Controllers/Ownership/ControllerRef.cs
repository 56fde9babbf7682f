using k8s;
using k8s.Models;

namespace SharpKube.Controllers.Ownership;

/// <summary>An object's controller reference: the one owner reference with <c>controller: true</c>.</summary>
public static class ControllerRef
{
    /// <summary>The controller reference of <paramref name="obj"/>, or null when it has none (an orphan).</summary>
    public static V1OwnerReference? Of(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>
    /// A controller reference to <paramref name="owner"/>, blocking its foreground deletion until the dependent is
    /// gone — what a controller stamps on what it creates or adopts.
    /// </summary>
    public static V1OwnerReference For(IKubernetesObject<V1ObjectMeta> owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
