using System.Text.Json;

namespace SharpKube.ApiMachinery.Tables.Formatting;

/// <summary>
/// The CONTAINERS and IMAGES cells of workload tables: container names and images, each joined by
/// commas in spec order (empty when there are no containers).
/// </summary>
/// <param name="Names">Container names, e.g. <c>web,sidecar</c>.</param>
/// <param name="Images">Container images, e.g. <c>nginx:1.27,busybox</c>.</param>
public readonly record struct ContainerSummary(string Names, string Images)
{
    /// <summary>Summarises a JSON array of containers (a pod spec's <c>containers</c>).</summary>
    public static ContainerSummary Of(JsonElement containers)
    {
        var items = containers.Items().ToList();
        return new(
            string.Join(",", items.Select(c => c.Field("name").Text())),
            string.Join(",", items.Select(c => c.Field("image").Text())));
    }

    /// <summary>Summarises the containers of a pod template (an object with <c>spec.containers</c>).</summary>
    public static ContainerSummary OfTemplate(JsonElement podTemplate) => Of(podTemplate.At("spec", "containers"));
}
