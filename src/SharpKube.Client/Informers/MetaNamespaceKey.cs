using k8s;
using k8s.Models;

namespace SharpKube.Client.Informers;

/// <summary>
/// The cache key of an object, as upstream's informers and work queues use it: <c>namespace/name</c>, or just
/// <c>name</c> for cluster-scoped objects.
/// </summary>
public static class MetaNamespaceKey
{
    /// <summary>The key of an object.</summary>
    public static string For(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj.Metadata ?? throw new ArgumentException("the object has no metadata", nameof(obj));
        return For(metadata.NamespaceProperty, metadata.Name);
    }

    /// <summary>The key of the object <paramref name="name"/> in <paramref name="ns"/> (null or empty: cluster-scoped).</summary>
    public static string For(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    /// <summary>Splits a key into its namespace (null for cluster-scoped objects) and name.</summary>
    public static (string? Namespace, string Name) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }
}
