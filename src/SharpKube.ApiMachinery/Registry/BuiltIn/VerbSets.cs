namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>The verb lists upstream advertises for its built-in resources and subresources.</summary>
internal static class VerbSets
{
    /// <summary>Create-only resources: bindings, the access and token reviews, evictions.</summary>
    public static readonly IReadOnlyList<string> Create = ["create"];

    /// <summary>Read-only, computed on request: componentstatuses.</summary>
    public static readonly IReadOnlyList<string> GetList = ["get", "list"];

    /// <summary>Streaming reads: pods/log.</summary>
    public static readonly IReadOnlyList<string> Get = ["get"];

    /// <summary>Connect-style subresources that upgrade the connection: attach, exec, portforward.</summary>
    public static readonly IReadOnlyList<string> CreateGet = ["create", "get"];

    /// <summary>Proxy subresources (every method except list/watch).</summary>
    public static readonly IReadOnlyList<string> Proxy = ["create", "delete", "get", "patch", "update"];

    /// <summary>status, scale, approval and ephemeralcontainers subresources.</summary>
    public static readonly IReadOnlyList<string> GetPatchUpdate = ["get", "patch", "update"];

    /// <summary>namespaces/finalize.</summary>
    public static readonly IReadOnlyList<string> Update = ["update"];

    /// <summary>Namespaces: deleting a collection of namespaces is not served.</summary>
    public static readonly IReadOnlyList<string> StandardWithoutDeleteCollection =
        ["create", "delete", "get", "list", "patch", "update", "watch"];
}
