using System.Text.Json.Nodes;
using SharpKube.Scheduler.Plugins.NodeResourcesFit;

namespace SharpKube.Scheduler.Plugins.NodeResourcesBalancedAllocation;

/// <summary>
/// NodeResourcesBalancedAllocation's arguments: the resources whose usage should be balanced (default cpu and memory).
/// As upstream, a weight left out or 0 defaults to 1, and any other weight than 1 is refused (balance has no weights).
/// </summary>
public sealed record NodeResourcesBalancedAllocationArgs
{
    /// <summary>The balanced resources.</summary>
    public IReadOnlyList<ScoredResource> Resources { get; init; } = [new("cpu", 1), new("memory", 1)];

    /// <summary>The arguments as a profile's <c>pluginConfig</c> gives them (null: the defaults).</summary>
    /// <exception cref="FormatException">The resources are invalid (upstream's field errors, joined).</exception>
    public static NodeResourcesBalancedAllocationArgs Parse(JsonObject? args)
    {
        if (args?["resources"] is not JsonArray { Count: > 0 } array)
        {
            return new();
        }
        var resources = new List<ScoredResource>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var name = array[i]?["name"]?.GetValue<string>() ?? "";
            var weight = array[i]?["weight"]?.GetValue<long>() ?? 0;
            weight = weight == 0 ? 1 : weight;
            if (!seen.Add(name))
            {
                errors.Add($"resources[{i}].name: Duplicate value: \"{name}\"");
            }
            if (weight != 1)
            {
                errors.Add($"resources[{i}].weight: Invalid value: {weight}: must be 1");
            }
            resources.Add(new ScoredResource(name, weight));
        }
        if (errors.Count > 0)
        {
            throw new FormatException(errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]");
        }
        return new() { Resources = resources };
    }
}
