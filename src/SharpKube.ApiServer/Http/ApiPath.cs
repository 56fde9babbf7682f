namespace SharpKube.ApiServer.Http;

/// <summary>
/// A request path under <c>/api</c> or <c>/apis</c>, split into its Kubernetes coordinates:
/// <c>/apis/{group}/{version}/namespaces/{namespace}/{resource}/{name}/{subresource}</c>.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version; null for <c>/api</c>, <c>/apis</c> and <c>/apis/{group}</c>.</param>
/// <param name="Namespace">Namespace from the URL; null when the URL names none.</param>
/// <param name="Resource">Resource plural; null for discovery paths.</param>
/// <param name="Name">Object name; null for collections.</param>
/// <param name="Subresource">Subresource; null for the object itself.</param>
public sealed record ApiPath(
    string Group,
    string? Version,
    string? Namespace,
    string? Resource,
    string? Name,
    string? Subresource)
{
    /// <summary>True for <c>/api</c>, <c>/apis</c>, <c>/apis/{group}</c> and group-version discovery paths.</summary>
    public bool IsDiscovery => Resource is null;

    /// <summary>
    /// Parses a request path. Returns null when the path is not an API path or is malformed
    /// (the caller answers 404).
    /// </summary>
    public static ApiPath? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts.Length == 0)
        {
            return null;
        }
        string group;
        int index;
        if (parts[0] == "api")
        {
            group = "";
            index = 1;
        }
        else if (parts[0] == "apis")
        {
            if (parts.Length == 1)
            {
                return new ApiPath("", null, null, null, null, null);
            }
            group = parts[1];
            index = 2;
        }
        else
        {
            return null;
        }
        if (parts.Length == index)
        {
            return new ApiPath(group, null, null, null, null, null);
        }
        var version = parts[index++];
        var rest = parts.AsSpan(index);
        if (rest.IsEmpty)
        {
            return new ApiPath(group, version, null, null, null, null);
        }
        foreach (var part in rest)
        {
            if (part.Length == 0)
            {
                return null;
            }
        }
        // namespaces/{ns}/{resource}/... addresses namespaced objects; namespaces, namespaces/{name}
        // and namespaces/{name}/{status|finalize} address Namespace objects themselves.
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(rest.Length == 3 && IsNamespaceSubresource(rest[2])))
        {
            var ns = Uri.UnescapeDataString(rest[1]);
            return rest.Length switch
            {
                3 => new ApiPath(group, version, ns, rest[2], null, null),
                4 => new ApiPath(group, version, ns, rest[2], Uri.UnescapeDataString(rest[3]), null),
                5 => new ApiPath(group, version, ns, rest[2], Uri.UnescapeDataString(rest[3]), rest[4]),
                _ => null,
            };
        }
        return rest.Length switch
        {
            1 => new ApiPath(group, version, null, rest[0], null, null),
            2 => new ApiPath(group, version, null, rest[0], Uri.UnescapeDataString(rest[1]), null),
            3 => new ApiPath(group, version, null, rest[0], Uri.UnescapeDataString(rest[1]), rest[2]),
            _ => null,
        };
    }

    private static bool IsNamespaceSubresource(string segment) => segment is "status" or "finalize";
}
