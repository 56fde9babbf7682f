namespace SharpKube.ApiMachinery.Registry;

/// <summary>
/// One resource served by the API server at one group/version: what discovery advertises, how URLs
/// route to it and where its objects live in the datastore.
/// </summary>
public sealed record ResourceDefinition
{
    /// <summary>The verbs of an ordinary read-write resource.</summary>
    public static readonly IReadOnlyList<string> StandardVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>API group; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>API version within the group, e.g. <c>v1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Kind of the objects, e.g. <c>Pod</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The resource name in URLs (lowercase plural), e.g. <c>pods</c>.</summary>
    public required string Plural { get; init; }

    /// <summary>Lowercase singular name, e.g. <c>pod</c>.</summary>
    public required string Singular { get; init; }

    /// <summary>True when objects live in a namespace.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>Short names kubectl accepts, e.g. <c>po</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories, e.g. <c>all</c>, that <c>kubectl get &lt;category&gt;</c> expands.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Verbs served on the resource itself (not its subresources).</summary>
    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;

    /// <summary>Subresources such as <c>status</c>, <c>scale</c>, <c>log</c>, <c>eviction</c>.</summary>
    public IReadOnlyList<SubresourceDefinition> Subresources { get; init; } = [];

    /// <summary>
    /// The path segment under <c>/registry/</c> where objects are stored, following upstream's layout
    /// (<c>pods</c>, <c>minions</c> for nodes, <c>services/specs</c>, <c>apiextensions.k8s.io/customresourcedefinitions</c>).
    /// Two versions of one resource share it.
    /// </summary>
    public string StorageResource { get => field ?? Plural; init; }

    /// <summary>
    /// The version objects are stored in when the resource is served in several versions
    /// (e.g. autoscaling v1 and v2 share storage in v2). Null means this definition's own version.
    /// </summary>
    public string? StorageVersion { get; init; }

    /// <summary>
    /// The group objects are stored in when it differs from <see cref="Group"/> (events.k8s.io Events are stored as
    /// core v1 Events). Null means this definition's own group.
    /// </summary>
    public string? StorageGroup { get; init; }

    /// <summary>
    /// False for virtual resources computed per request and never written to the datastore: bindings,
    /// componentstatuses and the token and access reviews. They have no storage version hash.
    /// </summary>
    public bool Persisted { get; init; } = true;

    /// <summary>The KubernetesClient model type of the kind, e.g. <c>typeof(V1Pod)</c>, when one exists.</summary>
    public Type? ModelType { get; init; }

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The kind of a list of these objects, e.g. <c>PodList</c>.</summary>
    public string ListKind => Kind + "List";

    /// <summary>The name used in error messages: <c>pods</c> or <c>deployments.apps</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>The datastore key prefix for all objects of the resource, ending in '/'.</summary>
    public string StoragePrefix => "/registry/" + StorageResource + "/";

    /// <summary>Returns the subresource with the given name, or null.</summary>
    public SubresourceDefinition? FindSubresource(string name)
    {
        foreach (var subresource in Subresources)
        {
            if (subresource.Name == name)
            {
                return subresource;
            }
        }
        return null;
    }
}
