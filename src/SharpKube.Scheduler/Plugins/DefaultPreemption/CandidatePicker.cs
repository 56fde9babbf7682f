namespace SharpKube.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// Picks the node to preempt on among the candidates, by upstream's criteria in order (each one only breaks the
/// previous one's ties): fewest PodDisruptionBudget violations; lowest priority of the most important victim;
/// smallest sum of the victims' priorities; fewest victims; latest start of the most important victims; the first.
/// </summary>
internal static class CandidatePicker
{
    /// <summary>The best of <paramref name="candidates"/> (null when there are none).</summary>
    public static PreemptionCandidate? Pick(IReadOnlyList<PreemptionCandidate> candidates)
    {
        IEnumerable<PreemptionCandidate> remaining = candidates;
        remaining = Lowest(remaining, c => c.NumPdbViolations);
        remaining = Lowest(remaining, c => c.Victims[0].Priority);
        // Upstream shifts each priority by 2^31 so that the sum grows with every victim, whatever its priority's sign.
        remaining = Lowest(remaining, c => c.Victims.Sum(v => (long)v.Priority + int.MaxValue + 1));
        remaining = Lowest(remaining, c => c.Victims.Count);
        remaining = Lowest(remaining, c => -EarliestStartOfTopVictims(c).Ticks);
        return remaining.FirstOrDefault();
    }

    private static List<PreemptionCandidate> Lowest(IEnumerable<PreemptionCandidate> candidates, Func<PreemptionCandidate, long> key)
    {
        var best = long.MaxValue;
        var kept = new List<PreemptionCandidate>();
        foreach (var candidate in candidates)
        {
            var value = key(candidate);
            if (value < best)
            {
                best = value;
                kept.Clear();
            }
            if (value == best)
            {
                kept.Add(candidate);
            }
        }
        return kept;
    }

    /// <summary>The earliest start among the victims of the highest priority.</summary>
    private static DateTime EarliestStartOfTopVictims(PreemptionCandidate candidate)
    {
        var top = candidate.Victims.Max(v => v.Priority);
        return candidate.Victims.Where(v => v.Priority == top).Min(PodImportance.StartTime);
    }
}
