using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.GarbageCollector;

/// <summary>
/// Who an object is, as the garbage collector tracks it: its coordinates (group, kind, namespace, name) and uid.
/// Owner references give the same coordinates, with the dependent's namespace for a namespaced owner.
/// </summary>
/// <param name="ApiVersion">The <c>apiVersion</c> the object was seen or referenced with.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Namespace">The namespace; empty for cluster-scoped objects.</param>
/// <param name="Name">The name.</param>
/// <param name="Uid">The uid.</param>
public sealed record ObjectIdentity(string ApiVersion, string Kind, string Namespace, string Name, string Uid)
{
    /// <summary>The API group of <see cref="ApiVersion"/>; empty for the core group.</summary>
    public string Group => GroupOf(ApiVersion);

    /// <summary>The identity of an object seen by an informer.</summary>
    public static ObjectIdentity Of(PartialObjectMetadata obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new ObjectIdentity(obj.ApiVersion ?? "", obj.Kind ?? "", obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name ?? "", obj.Metadata.Uid ?? "");
    }

    /// <summary>The identity an owner reference of an object in <paramref name="dependentNamespace"/> names.</summary>
    public static ObjectIdentity Of(V1OwnerReference reference, string dependentNamespace)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new ObjectIdentity(reference.ApiVersion ?? "", reference.Kind ?? "", dependentNamespace, reference.Name ?? "", reference.Uid ?? "");
    }

    /// <summary>True when both name the same object: same uid, group, kind, name and namespace (the version may differ).</summary>
    public bool SameObjectAs(ObjectIdentity other) =>
        other is not null && Uid == other.Uid && Group == other.Group && Kind == other.Kind && Name == other.Name && Namespace == other.Namespace;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Kind}.{(Group.Length == 0 ? "core" : Group)} {(Namespace.Length == 0 ? "" : Namespace + "/")}{Name} (uid {Uid})";

    /// <summary>The group of an <c>apiVersion</c>: the part before the slash, empty for <c>v1</c>.</summary>
    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}
