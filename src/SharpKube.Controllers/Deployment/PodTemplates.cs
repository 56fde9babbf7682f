using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>Comparing pod templates the way the deployment controller (and <c>kubectl rollout undo</c>) does.</summary>
internal static class PodTemplates
{
    /// <summary>
    /// True when the two templates are the same apart from the <c>pod-template-hash</c> label: a ReplicaSet with a
    /// template equal to the Deployment's is the Deployment's new ReplicaSet.
    /// </summary>
    public static bool EqualIgnoringHash(V1PodTemplateSpec? a, V1PodTemplateSpec? b) =>
        CanonicalWithoutHash(a).AsSpan().SequenceEqual(CanonicalWithoutHash(b));

    /// <summary>The canonical JSON of <paramref name="template"/> without the hash label: equal bytes, equal templates.</summary>
    public static byte[] CanonicalWithoutHash(V1PodTemplateSpec? template) => CanonicalJson.Serialize(WithoutHash(template));

    /// <summary>A copy of <paramref name="template"/> without the <c>pod-template-hash</c> label.</summary>
    public static V1PodTemplateSpec WithoutHash(V1PodTemplateSpec? template)
    {
        var copy = template is null ? new V1PodTemplateSpec() : ModelCopy.Deep(template);
        copy.Metadata?.Labels?.Remove(PodTemplateHash.Label);
        return copy;
    }
}
