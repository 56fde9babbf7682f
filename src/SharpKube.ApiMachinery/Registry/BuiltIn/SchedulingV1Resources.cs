using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>scheduling.k8s.io/v1: PriorityClasses.</summary>
internal static class SchedulingV1Resources
{
    /// <summary>All scheduling.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "scheduling.k8s.io", Version = "v1", Kind = "PriorityClass", Plural = "priorityclasses",
            Singular = "priorityclass", Namespaced = false, ShortNames = ["pc"], ModelType = typeof(V1PriorityClass),
        },
    ];
}
