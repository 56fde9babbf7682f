using k8s.Models;

namespace SharpKube.ApiMachinery.Registry;

/// <summary>The built-in resources of Kubernetes v1.32 that SharpKube serves, in discovery order.</summary>
public static class BuiltInResources
{
    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];

    /// <summary>All built-in resource definitions.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "", Version = "v1", Kind = "ConfigMap", Plural = "configmaps", Singular = "configmap",
            Namespaced = true, ShortNames = ["cm"], ModelType = typeof(V1ConfigMap),
        },
        new()
        {
            Group = "", Version = "v1", Kind = "Namespace", Plural = "namespaces", Singular = "namespace",
            Namespaced = false, ShortNames = ["ns"], ModelType = typeof(V1Namespace),
            Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
            Subresources = [new("finalize", "Namespace", ["update"]), new("status", "Namespace", GetPatchUpdate)],
        },
        new()
        {
            Group = "", Version = "v1", Kind = "Pod", Plural = "pods", Singular = "pod",
            Namespaced = true, ShortNames = ["po"], Categories = ["all"], ModelType = typeof(V1Pod),
            Subresources =
            [
                new("binding", "Binding", ["create"]),
                new("eviction", "Eviction", ["create"], "policy", "v1"),
                new("status", "Pod", GetPatchUpdate),
            ],
        },
        new()
        {
            Group = "apps", Version = "v1", Kind = "Deployment", Plural = "deployments", Singular = "deployment",
            Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], ModelType = typeof(V1Deployment),
            Subresources =
            [
                new("scale", "Scale", GetPatchUpdate, "autoscaling", "v1"),
                new("status", "Deployment", GetPatchUpdate),
            ],
        },
    ];
}
