namespace SharpKube.ApiMachinery.Discovery;

/// <summary>
/// Decides from a request's Accept header whether <c>/api</c> and <c>/apis</c> should answer with aggregated
/// discovery (and which version) or with the legacy APIVersions/APIGroupList documents.
/// </summary>
public static class DiscoveryNegotiation
{
    private const string DiscoveryGroup = "apidiscovery.k8s.io";
    private const string GroupDiscoveryList = "APIGroupDiscoveryList";

    /// <summary>
    /// The aggregated version the client prefers, or null when its first acceptable type is plain JSON (or it
    /// sent no Accept header) and the legacy document should be served. Media ranges are considered by
    /// descending <c>q</c>, then in the client's order; types the server cannot produce (protobuf, YAML,
    /// unknown aggregated versions) are skipped.
    /// </summary>
    public static AggregatedDiscoveryVersion? SelectAggregatedVersion(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return null;
        }
        var ranges = accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(MediaRange.Parse)
            .Where(r => r.Quality > 0)
            .OrderByDescending(r => r.Quality); // OrderBy is stable: ties keep the client's order.
        foreach (var range in ranges)
        {
            if (range.Is("application", "json") && range.Parameter("as") is { } asKind)
            {
                if (asKind == GroupDiscoveryList && range.Parameter("g") == DiscoveryGroup)
                {
                    switch (range.Parameter("v"))
                    {
                        case "v2":
                            return AggregatedDiscoveryVersion.V2;
                        case "v2beta1":
                            return AggregatedDiscoveryVersion.V2Beta1;
                    }
                }
                continue;
            }
            if (range.Is("application", "json") || range.Is("application", "*") || range.Is("*", "*"))
            {
                return null;
            }
        }
        return null;
    }
}
