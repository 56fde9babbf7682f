using System.Reflection;
using k8s;
using k8s.Models;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.Client.Resources;

/// <summary>
/// Where a resource lives in the API: its group, version, plural (the URL segment), kind and scope.
/// Built for a KubernetesClient model type with <see cref="For{T}"/>, or by hand for anything else.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">Version within the group, e.g. <c>v1</c>.</param>
/// <param name="Plural">Lowercase plural used in URLs, e.g. <c>pods</c>.</param>
/// <param name="Kind">Kind of the objects, e.g. <c>Pod</c>.</param>
/// <param name="Namespaced">True when objects live in a namespace.</param>
public sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary><c>group/version</c>, or just the version for the core group: an object's <c>apiVersion</c>.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>
    /// The resource of a KubernetesClient model type, read from its <see cref="KubernetesEntityAttribute"/>; the scope
    /// comes from SharpKube's registry of built-in resources.
    /// </summary>
    /// <exception cref="ArgumentException">The type is not a built-in resource kind.</exception>
    public static ApiResource For<T>()
        where T : IKubernetesObject
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} has no [KubernetesEntity] attribute; build an ApiResource by hand.");
        var definition = ResourceRegistry.BuiltIn.FindByKind(entity.Group ?? "", entity.ApiVersion, entity.Kind)
            ?? throw new ArgumentException($"{entity.Kind} ({entity.Group}/{entity.ApiVersion}) is not a built-in resource; build an ApiResource by hand.");
        return new ApiResource(definition.Group, definition.Version, definition.Plural, definition.Kind, definition.Namespaced);
    }

    /// <summary>The URL path of the collection, in <paramref name="ns"/> or across all namespaces when it is null.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? "/api/" + Version : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns)
            ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}"
            : $"{root}/{Plural}";
    }

    /// <summary>The URL path of one object, optionally of one of its subresources.</summary>
    public string ObjectPath(string? ns, string name, string? subresource = null)
    {
        if (Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{Plural} are namespaced: a namespace is required.", nameof(ns));
        }
        var path = CollectionPath(ns) + "/" + Uri.EscapeDataString(name);
        return subresource is null ? path : path + "/" + subresource;
    }
}
