using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.Scheduler.Plugins.InterPodAffinity;

/// <summary>InterPodAffinity's arguments, with upstream's defaults (<c>InterPodAffinityArgs</c>).</summary>
public sealed record InterPodAffinityArgs
{
    /// <summary>The lowest <see cref="HardPodAffinityWeight"/> allowed.</summary>
    public const int MinHardPodAffinityWeight = 0;

    /// <summary>The highest <see cref="HardPodAffinityWeight"/> allowed.</summary>
    public const int MaxHardPodAffinityWeight = 100;

    /// <summary>
    /// The score weight of an existing pod's required affinity term that the incoming pod matches (0 turns that
    /// part of scoring off). Default 1.
    /// </summary>
    public int HardPodAffinityWeight { get; init; } = 1;

    /// <summary>When the incoming pod has no preferred (anti-)affinity, skip scoring rather than weigh existing pods' terms. Default false.</summary>
    public bool IgnorePreferredTermsOfExistingPods { get; init; }

    /// <summary>The arguments as a profile's <c>pluginConfig</c> gives them (null: the defaults).</summary>
    /// <exception cref="FormatException">A field has a value InterPodAffinity cannot use (upstream's validation message).</exception>
    public static InterPodAffinityArgs Parse(JsonObject? args)
    {
        var parsed = new InterPodAffinityArgs();
        if (args is null)
        {
            return parsed;
        }
        if (args["hardPodAffinityWeight"] is { } weightNode)
        {
            if (weightNode.GetValueKind() != JsonValueKind.Number || !weightNode.AsValue().TryGetValue<int>(out var weight))
            {
                throw new FormatException($"hardPodAffinityWeight: Invalid value: {weightNode.ToJsonString()}: must be an integer");
            }
            if (weight is < MinHardPodAffinityWeight or > MaxHardPodAffinityWeight)
            {
                throw new FormatException(
                    $"hardPodAffinityWeight: Invalid value: {weight}: not in valid range [{MinHardPodAffinityWeight}, {MaxHardPodAffinityWeight}]");
            }
            parsed = parsed with { HardPodAffinityWeight = weight };
        }
        if (args["ignorePreferredTermsOfExistingPods"] is { } ignoreNode)
        {
            parsed = parsed with
            {
                IgnorePreferredTermsOfExistingPods = ignoreNode.GetValueKind() switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new FormatException($"ignorePreferredTermsOfExistingPods: Invalid value: {ignoreNode.ToJsonString()}: must be a boolean"),
                },
            };
        }
        return parsed;
    }
}
