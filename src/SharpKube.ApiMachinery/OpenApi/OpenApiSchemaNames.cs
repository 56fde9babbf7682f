namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// Component schema names as upstream spells them: the Go package path of the type, reversed
/// (<c>io.k8s.api.apps.v1.Deployment</c>, <c>io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta</c>).
/// </summary>
internal static class OpenApiSchemaNames
{
    private const string MetaV1 = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    /// <summary>ObjectMeta, the <c>metadata</c> of every object.</summary>
    public const string ObjectMeta = MetaV1 + "ObjectMeta";

    /// <summary>ListMeta, the <c>metadata</c> of every list.</summary>
    public const string ListMeta = MetaV1 + "ListMeta";

    /// <summary>Patch, the body of every PATCH.</summary>
    public const string Patch = MetaV1 + "Patch";

    /// <summary>DeleteOptions, the optional body of DELETE.</summary>
    public const string DeleteOptions = MetaV1 + "DeleteOptions";

    /// <summary>Status, the response of deletes and of every error.</summary>
    public const string Status = MetaV1 + "Status";

    /// <summary>The schema name of a kind.</summary>
    public static string ForKind(GroupVersionKind kind) => PackageOf(kind.Group) + "." + kind.Version + "." + kind.Kind;

    /// <summary>The meta.k8s.io/v1 schema named <paramref name="name"/>.</summary>
    public static string Meta(string name) => MetaV1 + name;

    /// <summary>The Go package of a group, reversed: <c>io.k8s.api.apps</c>, <c>io.k8s.api.core</c>, …</summary>
    public static string PackageOf(string group)
    {
        switch (group)
        {
            case "":
                return "io.k8s.api.core";
            case "apiextensions.k8s.io":
                return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions";
            case "apiregistration.k8s.io":
                return "io.k8s.kube-aggregator.pkg.apis.apiregistration";
        }
        // Built-in groups live in k8s.io/api/<first label of the group>; other groups (custom resources) are
        // named by their reversed domain, e.g. example.com -> com.example.
        if (!group.Contains('.', StringComparison.Ordinal) || group.EndsWith(".k8s.io", StringComparison.Ordinal))
        {
            return "io.k8s.api." + group.Split('.')[0];
        }
        return string.Join('.', group.Split('.').Reverse());
    }
}
