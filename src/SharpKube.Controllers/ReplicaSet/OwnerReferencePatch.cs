using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// JSON merge patches that set an object's whole <c>metadata.ownerReferences</c> list, conditional on the object
/// still being the one read: its uid and resourceVersion ride along, so a stale read fails with 409 Conflict
/// instead of dropping a reference someone else just added.
/// </summary>
public static class OwnerReferencePatch
{
    /// <summary>A patch replacing the owner references of <paramref name="current"/> with <paramref name="references"/> (none: removed).</summary>
    public static V1Patch Set(IKubernetesObject<V1ObjectMeta> current, IReadOnlyCollection<V1OwnerReference> references)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(references);
        var metadata = new JsonObject
        {
            ["uid"] = current.Metadata.Uid,
            ["resourceVersion"] = current.Metadata.ResourceVersion,
            ["ownerReferences"] = references.Count == 0 ? null : JsonNode.Parse(KubernetesJson.Serialize(references)),
        };
        return new V1Patch(new JsonObject { ["metadata"] = metadata }.ToJsonString(), V1Patch.PatchType.MergePatch);
    }
}
