using k8s;
using k8s.Models;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>The pod a controller creates from its template, as upstream's <c>GetPodFromTemplate</c> builds it.</summary>
public static class PodFromTemplate
{
    /// <summary>
    /// A pod named by the server from <c>&lt;owner-name&gt;-</c> (a 5-character suffix), in the owner's namespace,
    /// with the template's labels, annotations, finalizers and spec, and <paramref name="controllerRef"/>.
    /// </summary>
    public static V1Pod Build(IKubernetesObject<V1ObjectMeta> owner, V1PodTemplateSpec template, V1OwnerReference controllerRef)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(template);
        var metadata = template.Metadata;
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = GenerateNamePrefix(owner.Metadata.Name),
                NamespaceProperty = owner.Metadata.NamespaceProperty,
                Labels = metadata?.Labels is null ? null : new Dictionary<string, string>(metadata.Labels),
                Annotations = metadata?.Annotations is null ? null : new Dictionary<string, string>(metadata.Annotations),
                Finalizers = metadata?.Finalizers is null ? null : [.. metadata.Finalizers],
                OwnerReferences = [controllerRef],
            },
            // Shared with the cached owner, never changed: the pod is serialised as it is.
            Spec = template.Spec,
        };
    }

    /// <summary><c>name-</c>, or the name alone when the dash would make an invalid pod name prefix (too long).</summary>
    private static string GenerateNamePrefix(string ownerName) =>
        ownerName.Length + 1 <= 253 ? ownerName + "-" : ownerName;
}
