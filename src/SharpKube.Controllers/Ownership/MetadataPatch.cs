using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace SharpKube.Controllers.Ownership;

/// <summary>
/// JSON merge patches of one metadata list (owner references, finalizers) of an object of any kind, conditional on
/// the object still being the one read: its uid and resourceVersion ride along, so a stale read fails with 409
/// Conflict instead of dropping a change someone else just made.
/// </summary>
public static class MetadataPatch
{
    /// <summary>Replaces the owner references of <paramref name="current"/> (an empty list removes them).</summary>
    public static V1Patch OwnerReferences(IKubernetesObject<V1ObjectMeta> current, IReadOnlyCollection<V1OwnerReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return Patch(current, "ownerReferences", references.Count == 0 ? null : JsonNode.Parse(KubernetesJson.Serialize(references)));
    }

    /// <summary>Removes <paramref name="finalizer"/> from the finalizers of <paramref name="current"/>.</summary>
    public static V1Patch WithoutFinalizer(IKubernetesObject<V1ObjectMeta> current, string finalizer)
    {
        ArgumentNullException.ThrowIfNull(current);
        var remaining = (current.Metadata.Finalizers ?? []).Where(f => f != finalizer).ToList();
        return Patch(current, "finalizers", remaining.Count == 0 ? null : new JsonArray([.. remaining.Select(f => (JsonNode?)JsonValue.Create(f))]));
    }

    private static V1Patch Patch(IKubernetesObject<V1ObjectMeta> current, string field, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(current);
        var metadata = new JsonObject
        {
            ["uid"] = current.Metadata.Uid,
            ["resourceVersion"] = current.Metadata.ResourceVersion,
            [field] = value,
        };
        return new V1Patch(new JsonObject { ["metadata"] = metadata }.ToJsonString(), V1Patch.PatchType.MergePatch);
    }
}
