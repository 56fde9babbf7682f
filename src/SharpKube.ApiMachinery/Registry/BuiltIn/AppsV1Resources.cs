using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>apps/v1: the workload controllers' kinds.</summary>
internal static class AppsV1Resources
{
    /// <summary>All apps/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Apps("ControllerRevision", "controllerrevisions", "controllerrevision") with
        {
            ModelType = typeof(V1ControllerRevision),
        },
        Apps("DaemonSet", "daemonsets", "daemonset") with
        {
            ShortNames = ["ds"], Categories = ["all"], ModelType = typeof(V1DaemonSet),
            Subresources = [CommonSubresources.Status("DaemonSet")],
        },
        Apps("Deployment", "deployments", "deployment") with
        {
            ShortNames = ["deploy"], Categories = ["all"], ModelType = typeof(V1Deployment),
            Subresources = [CommonSubresources.Scale, CommonSubresources.Status("Deployment")],
        },
        Apps("ReplicaSet", "replicasets", "replicaset") with
        {
            ShortNames = ["rs"], Categories = ["all"], ModelType = typeof(V1ReplicaSet),
            Subresources = [CommonSubresources.Scale, CommonSubresources.Status("ReplicaSet")],
        },
        Apps("StatefulSet", "statefulsets", "statefulset") with
        {
            ShortNames = ["sts"], Categories = ["all"], ModelType = typeof(V1StatefulSet),
            Subresources = [CommonSubresources.Scale, CommonSubresources.Status("StatefulSet")],
        },
    ];

    private static ResourceDefinition Apps(string kind, string plural, string singular) => new()
    {
        Group = "apps", Version = "v1", Kind = kind, Plural = plural, Singular = singular, Namespaced = true,
    };
}
