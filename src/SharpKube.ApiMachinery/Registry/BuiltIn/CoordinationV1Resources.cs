using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>coordination.k8s.io/v1: Leases (node heartbeats, leader election).</summary>
internal static class CoordinationV1Resources
{
    /// <summary>All coordination.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "coordination.k8s.io", Version = "v1", Kind = "Lease", Plural = "leases", Singular = "lease",
            Namespaced = true, ModelType = typeof(V1Lease),
        },
    ];
}
