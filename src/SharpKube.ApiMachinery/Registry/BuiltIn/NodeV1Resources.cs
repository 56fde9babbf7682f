using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>node.k8s.io/v1: RuntimeClasses.</summary>
internal static class NodeV1Resources
{
    /// <summary>All node.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "node.k8s.io", Version = "v1", Kind = "RuntimeClass", Plural = "runtimeclasses",
            Singular = "runtimeclass", Namespaced = false, ModelType = typeof(V1RuntimeClass),
        },
    ];
}
