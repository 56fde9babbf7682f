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
                        : throw new FormatException($"scoringStrategy.type: Unsupported value: \"{type}\": supported values: \"LeastAllocated\", \"MostAllocated\""),
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
}
