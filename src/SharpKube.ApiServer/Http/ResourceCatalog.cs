using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiServer.Http;

/// <summary>The served resources by URL coordinates.</summary>
public sealed class ResourceCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceEndpoint> _endpoints = [];

    /// <summary>The registry the catalog serves.</summary>
    public required ResourceRegistry Registry { get; init; }

    /// <summary>Adds an endpoint.</summary>
    public void Add(ResourceEndpoint endpoint) =>
        _endpoints[(endpoint.Resource.Group, endpoint.Resource.Version, endpoint.Resource.Plural)] = endpoint;

    /// <summary>Finds the endpoint of a resource, or null.</summary>
    public ResourceEndpoint? Find(string group, string version, string plural) =>
        _endpoints.GetValueOrDefault((group, version, plural));

    /// <summary>All endpoints.</summary>
    public IEnumerable<ResourceEndpoint> All => _endpoints.Values;
}
