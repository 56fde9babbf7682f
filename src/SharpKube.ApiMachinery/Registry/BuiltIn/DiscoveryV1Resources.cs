using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>discovery.k8s.io/v1: EndpointSlices.</summary>
internal static class DiscoveryV1Resources
{
    /// <summary>All discovery.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "discovery.k8s.io", Version = "v1", Kind = "EndpointSlice", Plural = "endpointslices",
            Singular = "endpointslice", Namespaced = true, ModelType = typeof(V1EndpointSlice),
        },
    ];
}
