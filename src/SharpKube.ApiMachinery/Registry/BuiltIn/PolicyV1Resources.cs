using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>policy/v1: PodDisruptionBudgets (Eviction is a subresource of pods).</summary>
internal static class PolicyV1Resources
{
    /// <summary>All policy/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "policy", Version = "v1", Kind = "PodDisruptionBudget", Plural = "poddisruptionbudgets",
            Singular = "poddisruptionbudget", Namespaced = true, ShortNames = ["pdb"],
            ModelType = typeof(V1PodDisruptionBudget),
            Subresources = [CommonSubresources.Status("PodDisruptionBudget")],
        },
    ];
}
