using k8s.Models;

namespace SharpKube.Controllers.TaintEviction;

/// <summary>Which of a pod's tolerations tolerate which taints, and for how long, by upstream's rules.</summary>
public static class Tolerations
{
    /// <summary>
    /// True when <paramref name="toleration"/> tolerates <paramref name="taint"/>: an empty effect matches every
    /// effect, an empty key (with <c>Exists</c>) every key; <c>Equal</c> (the default operator) also compares values.
    /// </summary>
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(toleration);
        ArgumentNullException.ThrowIfNull(taint);
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }
        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }
        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    /// <summary>
    /// Whether every taint is tolerated, and then the first toleration that tolerates each (upstream's
    /// GetMatchingTolerations).
    /// </summary>
    public static (bool AllTolerated, IReadOnlyList<V1Toleration> Used) Match(IReadOnlyList<V1Taint> taints, IList<V1Toleration>? tolerations)
    {
        ArgumentNullException.ThrowIfNull(taints);
        var used = new List<V1Toleration>();
        foreach (var taint in taints)
        {
            var match = tolerations?.FirstOrDefault(t => Tolerates(t, taint));
            if (match is null)
            {
                return (false, []);
            }
            used.Add(match);
        }
        return (true, used);
    }

    /// <summary>
    /// How long the tolerations let a pod stay: the shortest <c>tolerationSeconds</c> (zero or less: not at all),
    /// or null when none has a limit (it stays for good). No tolerations: not at all.
    /// </summary>
    public static TimeSpan? MinimumTime(IReadOnlyList<V1Toleration> used)
    {
        ArgumentNullException.ThrowIfNull(used);
        if (used.Count == 0)
        {
            return TimeSpan.Zero;
        }
        long? shortest = null;
        foreach (var seconds in used.Select(t => t.TolerationSeconds).OfType<long>())
        {
            if (seconds <= 0)
            {
                return TimeSpan.Zero;
            }
            shortest = Math.Min(shortest ?? long.MaxValue, seconds);
        }
        return shortest is { } s ? TimeSpan.FromSeconds(s) : null;
    }
}
