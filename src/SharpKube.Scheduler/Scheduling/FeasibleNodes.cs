namespace SharpKube.Scheduler.Scheduling;

/// <summary>How many feasible nodes a cycle looks for before it stops filtering (upstream's <c>numFeasibleNodesToFind</c>).</summary>
public static class FeasibleNodes
{
    /// <summary>Below this many nodes, every node is looked at; and at least this many feasible nodes are looked for.</summary>
    public const int MinFeasibleNodesToFind = 100;

    /// <summary>The adaptive percentage never goes below this.</summary>
    public const int MinFeasibleNodesPercentageToFind = 5;

    /// <summary>
    /// With <paramref name="percentage"/> unset or 0, adaptive: 50% minus 1% per 125 nodes, at least 5% — so 500
    /// feasible nodes out of 5,000 (10%), 5% from 5,625 nodes on. Never fewer than 100 (or all nodes when fewer).
    /// </summary>
    public static int ToFind(int? percentage, int numAllNodes)
    {
        if (numAllNodes < MinFeasibleNodesToFind)
        {
            return numAllNodes;
        }
        var percent = percentage ?? 0;
        if (percent <= 0)
        {
            percent = Math.Max(50 - (numAllNodes / 125), MinFeasibleNodesPercentageToFind);
        }
        var count = (int)((long)numAllNodes * Math.Min(percent, 100) / 100);
        return Math.Max(count, MinFeasibleNodesToFind);
    }
}
