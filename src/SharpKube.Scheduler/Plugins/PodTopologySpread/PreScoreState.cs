using System.Runtime.CompilerServices;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// What Score needs, worked out at PreScore: the pod's ScheduleAnyway constraints, matching pods per domain of each
/// (domains of the feasible nodes only; per-node counts for hostname constraints are made in Score), each constraint's
/// weight log(domains + 2) — so a constraint over many small domains weighs more than one over few large ones — and
/// the feasible nodes left out of scoring because they lack a topology key.
/// </summary>
internal sealed class PreScoreState(SpreadConstraint[] constraints)
{
    /// <summary>The ScheduleAnyway constraints.</summary>
    public SpreadConstraint[] Constraints { get; } = constraints;

    /// <summary>Per constraint: matching pods per domain, boxed so that PreScore's parallel count adds to them in place.</summary>
    public Dictionary<string, StrongBox<long>>[] Counts { get; } =
        [.. constraints.Select(_ => new Dictionary<string, StrongBox<long>>(StringComparer.Ordinal))];

    /// <summary>Per constraint: log(domains + 2).</summary>
    public double[] Weights { get; } = new double[constraints.Length];

    /// <summary>Feasible nodes that lack a topology key: scored 0.</summary>
    public HashSet<string> IgnoredNodes { get; } = new(StringComparer.Ordinal);
}
