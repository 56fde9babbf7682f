using System.Text.Json.Nodes;

namespace SharpKube.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// DefaultPreemption's arguments, with upstream's defaults: the dry run stops once it has
/// <c>max(minCandidateNodesPercentage% of the nodes, minCandidateNodesAbsolute)</c> candidates (10% and 100).
/// </summary>
public sealed record DefaultPreemptionArgs
{
    /// <summary>The share of the nodes (0–100) to find candidates on, at least.</summary>
    public int MinCandidateNodesPercentage { get; init; } = 10;

    /// <summary>The number of candidates to find, at least.</summary>
    public int MinCandidateNodesAbsolute { get; init; } = 100;

    /// <summary>The arguments as a profile's <c>pluginConfig</c> gives them (null: the defaults).</summary>
    /// <exception cref="FormatException">A value is out of range, with upstream's validation wording.</exception>
    public static DefaultPreemptionArgs Parse(JsonObject? args)
    {
        var parsed = new DefaultPreemptionArgs
        {
            MinCandidateNodesPercentage = args?["minCandidateNodesPercentage"]?.GetValue<int>() ?? 10,
            MinCandidateNodesAbsolute = args?["minCandidateNodesAbsolute"]?.GetValue<int>() ?? 100,
        };
        if (parsed.MinCandidateNodesPercentage is < 0 or > 100)
        {
            throw new FormatException($"minCandidateNodesPercentage: Invalid value: {parsed.MinCandidateNodesPercentage}: not in valid range [0, 100]");
        }
        if (parsed.MinCandidateNodesAbsolute < 0)
        {
            throw new FormatException($"minCandidateNodesAbsolute: Invalid value: {parsed.MinCandidateNodesAbsolute}: not in valid range [0, inf)");
        }
        if (parsed is { MinCandidateNodesPercentage: 0, MinCandidateNodesAbsolute: 0 })
        {
            throw new FormatException("minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute");
        }
        return parsed;
    }

    /// <summary>How many candidates to look for among <paramref name="numNodes"/> potential nodes.</summary>
    public int NumCandidates(int numNodes)
    {
        var n = (int)((long)numNodes * MinCandidateNodesPercentage / 100);
        return Math.Min(Math.Max(n, MinCandidateNodesAbsolute), numNodes);
    }
}
