using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>apiregistration.k8s.io/v1: the aggregation layer's APIServices.</summary>
internal static class ApiRegistrationV1Resources
{
    /// <summary>All apiregistration.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "apiregistration.k8s.io", Version = "v1", Kind = "APIService", Plural = "apiservices",
            Singular = "apiservice", Namespaced = false, Categories = ["api-extensions"],
            StorageResource = "apiregistration.k8s.io/apiservices", ModelType = typeof(V1APIService),
            Subresources = [CommonSubresources.Status("APIService")],
        },
    ];
}
