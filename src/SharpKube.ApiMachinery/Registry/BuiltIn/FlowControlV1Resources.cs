using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>flowcontrol.apiserver.k8s.io/v1: API priority and fairness configuration.</summary>
internal static class FlowControlV1Resources
{
    /// <summary>All flowcontrol.apiserver.k8s.io/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "flowcontrol.apiserver.k8s.io", Version = "v1", Kind = "FlowSchema", Plural = "flowschemas",
            Singular = "flowschema", Namespaced = false, ModelType = typeof(V1FlowSchema),
            Subresources = [CommonSubresources.Status("FlowSchema")],
        },
        new()
        {
            Group = "flowcontrol.apiserver.k8s.io", Version = "v1", Kind = "PriorityLevelConfiguration",
            Plural = "prioritylevelconfigurations", Singular = "prioritylevelconfiguration", Namespaced = false,
            ModelType = typeof(V1PriorityLevelConfiguration),
            Subresources = [CommonSubresources.Status("PriorityLevelConfiguration")],
        },
    ];
}
