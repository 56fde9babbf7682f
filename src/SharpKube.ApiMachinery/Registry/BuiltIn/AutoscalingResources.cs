using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>
/// autoscaling/v2 and autoscaling/v1: one HorizontalPodAutoscaler resource served at two versions, the
/// preferred v2 first; both read and write the objects stored in v2.
/// </summary>
internal static class AutoscalingResources
{
    /// <summary>All autoscaling resources, preferred version first.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        HorizontalPodAutoscaler("v2", typeof(V2HorizontalPodAutoscaler)),
        HorizontalPodAutoscaler("v1", typeof(V1HorizontalPodAutoscaler)),
    ];

    private static ResourceDefinition HorizontalPodAutoscaler(string version, Type modelType) => new()
    {
        Group = "autoscaling", Version = version, Kind = "HorizontalPodAutoscaler",
        Plural = "horizontalpodautoscalers", Singular = "horizontalpodautoscaler", Namespaced = true,
        ShortNames = ["hpa"], Categories = ["all"], StorageVersion = "v2", ModelType = modelType,
        Subresources = [CommonSubresources.Status("HorizontalPodAutoscaler")],
    };
}
