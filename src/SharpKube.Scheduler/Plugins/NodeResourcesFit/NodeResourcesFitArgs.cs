using System.Text.Json.Nodes;

namespace SharpKube.Scheduler.Plugins.NodeResourcesFit;

/// <summary>
/// NodeResourcesFit's arguments, with upstream's defaults: LeastAllocated over cpu and memory, weight 1 each; no
/// extended resources ignored.
/// </summary>
public sealed record NodeResourcesFitArgs
{
    /// <summary>The scoring strategy.</summary>
    public ScoringStrategyType ScoringStrategy { get; init; } = ScoringStrategyType.LeastAllocated;

    /// <summary>The resources scored, with weights.</summary>
    public IReadOnlyList<ScoredResource> Resources { get; init; } = [new("cpu", 1), new("memory", 1)];

    /// <summary>RequestedToCapacityRatio's curve, by increasing utilization (only that strategy uses it).</summary>
    public IReadOnlyList<UtilizationShapePoint> Shape { get; init; } = [];

    /// <summary>Extended resources Filter ignores.</summary>
    public IReadOnlySet<string> IgnoredResources { get; init; } = new HashSet<string>();

    /// <summary>Extended resource groups (the part before the '/') Filter ignores.</summary>
    public IReadOnlySet<string> IgnoredResourceGroups { get; init; } = new HashSet<string>();

    /// <summary>The arguments as a profile's <c>pluginConfig</c> gives them (null: the defaults).</summary>
    /// <exception cref="FormatException">A field has a value NodeResourcesFit cannot use.</exception>
    public static NodeResourcesFitArgs Parse(JsonObject? args)
    {
        var parsed = new NodeResourcesFitArgs();
        if (args is null)
        {
            return parsed;
        }
        if (args["scoringStrategy"] is JsonObject strategy)
        {
            if (strategy["type"]?.GetValue<string>() is { } type)
            {
                parsed = parsed with
                {
                    ScoringStrategy = Enum.TryParse<ScoringStrategyType>(type, ignoreCase: false, out var value)
                        ? value
                        : throw new FormatException($"scoringStrategy.type: Unsupported value: \"{type}\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\""),
                };
            }
            if (strategy["resources"] is JsonArray resources)
            {
                parsed = parsed with
                {
                    Resources = [.. resources.OfType<JsonObject>().Select(r => new ScoredResource(
                        r["name"]?.GetValue<string>() ?? throw new FormatException("scoringStrategy.resources[].name: Required value"),
                        r["weight"]?.GetValue<long>() ?? 1))],
                };
            }
        }
        if (parsed.ScoringStrategy == ScoringStrategyType.RequestedToCapacityRatio)
        {
            parsed = parsed with { Shape = ParseShape(args["scoringStrategy"]?["requestedToCapacityRatio"]?["shape"] as JsonArray) };
        }
        if (args["ignoredResources"] is JsonArray ignored)
        {
            parsed = parsed with { IgnoredResources = ignored.Select(i => i?.GetValue<string>() ?? "").ToHashSet(StringComparer.Ordinal) };
        }
        if (args["ignoredResourceGroups"] is JsonArray groups)
        {
            parsed = parsed with { IgnoredResourceGroups = groups.Select(i => i?.GetValue<string>() ?? "").ToHashSet(StringComparer.Ordinal) };
        }
        return parsed;
    }

    /// <summary>The curve's points, checked as upstream's validation does.</summary>
    private static UtilizationShapePoint[] ParseShape(JsonArray? shape)
    {
        if (shape is null || shape.Count == 0)
        {
            throw new FormatException("scoringStrategy.requestedToCapacityRatio.shape: Required value: at least one point must be specified");
        }
        var points = shape.OfType<JsonObject>()
            .Select(p => new UtilizationShapePoint(p["utilization"]?.GetValue<int>() ?? 0, p["score"]?.GetValue<int>() ?? 0)).ToArray();
        for (var i = 0; i < points.Length; i++)
        {
            var path = $"scoringStrategy.requestedToCapacityRatio.shape[{i}]";
            if (points[i].Utilization is < 0 or > 100)
            {
                throw new FormatException($"{path}.utilization: Invalid value: {points[i].Utilization}: not in valid range [0, 100]");
            }
            if (points[i].Score is < 0 or > 10)
            {
                throw new FormatException($"{path}.score: Invalid value: {points[i].Score}: not in valid range [0, 10]");
            }
            if (i > 0 && points[i].Utilization <= points[i - 1].Utilization)
            {
                throw new FormatException($"{path}.utilization: Invalid value: {points[i].Utilization}: utilization values must be sorted in increasing order");
            }
        }
        return points;
    }
}
