using SharpKube.Client.Resources;

namespace SharpKube.Controllers.Namespace;

/// <summary>A namespaced resource discovery says can be deleted, and which collection verbs it also supports.</summary>
/// <param name="Resource">Where the resource lives.</param>
/// <param name="CanList">Whether it supports <c>list</c> (to delete item by item, and to see what remains).</param>
/// <param name="CanDeleteCollection">Whether it supports <c>deletecollection</c>.</param>
internal sealed record DeletableResource(ApiResource Resource, bool CanList, bool CanDeleteCollection)
{
    /// <summary>The resource as Go's <c>GroupVersionResource.String()</c> prints it, e.g. <c>/v1, Resource=pods</c>.</summary>
    public string GvrText => $"{Resource.Group}/{Resource.Version}, Resource={Resource.Plural}";

    /// <summary>The resource as the namespace conditions name it, e.g. <c>pods.</c> or <c>deployments.apps</c>.</summary>
    public string ResourceDotGroup => Resource.Plural + "." + Resource.Group;
}
