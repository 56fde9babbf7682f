namespace SharpKube.ApiMachinery.Discovery;

/// <summary>
/// Response content types for discovery. client-go decides how to parse a discovery body from the response
/// Content-Type parameters, so an aggregated body must carry exactly one of the aggregated types.
/// </summary>
public static class DiscoveryMediaTypes
{
    /// <summary>Legacy discovery documents (APIVersions, APIGroupList, APIGroup, APIResourceList).</summary>
    public const string Json = "application/json";

    /// <summary>Aggregated discovery, apidiscovery.k8s.io/v2.</summary>
    public const string AggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /// <summary>Aggregated discovery, apidiscovery.k8s.io/v2beta1 (clients from before v1.30).</summary>
    public const string AggregatedV2Beta1 =
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    /// <summary>The content type of an aggregated document of the given version.</summary>
    public static string For(AggregatedDiscoveryVersion version) =>
        version == AggregatedDiscoveryVersion.V2Beta1 ? AggregatedV2Beta1 : AggregatedV2;
}
