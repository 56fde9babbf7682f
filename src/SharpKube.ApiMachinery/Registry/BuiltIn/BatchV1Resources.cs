using k8s.Models;

namespace SharpKube.ApiMachinery.Registry.BuiltIn;

/// <summary>batch/v1: Jobs and CronJobs.</summary>
internal static class BatchV1Resources
{
    /// <summary>All batch/v1 resources.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        new()
        {
            Group = "batch", Version = "v1", Kind = "CronJob", Plural = "cronjobs", Singular = "cronjob",
            Namespaced = true, ShortNames = ["cj"], Categories = ["all"], ModelType = typeof(V1CronJob),
            Subresources = [CommonSubresources.Status("CronJob")],
        },
        new()
        {
            Group = "batch", Version = "v1", Kind = "Job", Plural = "jobs", Singular = "job",
            Namespaced = true, Categories = ["all"], ModelType = typeof(V1Job),
            Subresources = [CommonSubresources.Status("Job")],
        },
    ];
}
