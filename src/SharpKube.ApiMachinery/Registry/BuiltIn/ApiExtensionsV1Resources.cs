using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>apiextensions.k8s.io/v1: CustomResourceDefinitions.</summary>
internal static class ApiExtensionsV1Resources
{
    /// <summary>All apiextensions.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "apiextensions.k8s.io", Version = "v1", Kind = "CustomResourceDefinition",
            Plural = "customresourcedefinitions", Singular = "customresourcedefinition", Namespaced = false,
            ShortNames = ["crd", "crds"], Categories = ["api-extensions"],
            StorageResource = "apiextensions.k8s.io/customresourcedefinitions",
            ModelType = typeof(V1CustomResourceDefinition),
            Subresources = [CommonSubresources.Status("CustomResourceDefinition")],
        },
    ];
}
