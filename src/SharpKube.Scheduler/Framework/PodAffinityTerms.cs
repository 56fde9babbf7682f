using k8s.Models;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A pod's inter-pod affinity and anti-affinity, parsed once when the pod reaches the scheduler (upstream keeps these
/// in <c>framework.PodInfo</c>), so neither the scheduling cycle nor the cache parses a selector again.
/// </summary>
public sealed class PodAffinityTerms
{
    private PodAffinityTerms(bool hasAffinity, AffinityTerm[] requiredAffinity, AffinityTerm[] requiredAntiAffinity,
        WeightedAffinityTerm[] preferredAffinity, WeightedAffinityTerm[] preferredAntiAffinity, string? error)
    {
        HasAffinity = hasAffinity;
        RequiredAffinity = requiredAffinity;
        RequiredAntiAffinity = requiredAntiAffinity;
        PreferredAffinity = preferredAffinity;
        PreferredAntiAffinity = preferredAntiAffinity;
        Error = error;
    }

    /// <summary>A pod without pod affinity or anti-affinity.</summary>
    public static PodAffinityTerms None { get; } = new(false, [], [], [], [], null);

    /// <summary>The pod has <c>podAffinity</c> or <c>podAntiAffinity</c> (upstream's <c>PodsWithAffinity</c> criterion).</summary>
    public bool HasAffinity { get; }

    /// <summary>Required pod affinity terms (all must hold).</summary>
    public IReadOnlyList<AffinityTerm> RequiredAffinity { get; }

    /// <summary>Required pod anti-affinity terms.</summary>
    public IReadOnlyList<AffinityTerm> RequiredAntiAffinity { get; }

    /// <summary>Preferred pod affinity terms.</summary>
    public IReadOnlyList<WeightedAffinityTerm> PreferredAffinity { get; }

    /// <summary>Preferred pod anti-affinity terms.</summary>
    public IReadOnlyList<WeightedAffinityTerm> PreferredAntiAffinity { get; }

    /// <summary>Why a term did not parse (its terms are then left out), or null.</summary>
    public string? Error { get; }

    /// <summary>Parses the affinity of <paramref name="pod"/>, which lives in <paramref name="ns"/>.</summary>
    public static PodAffinityTerms Of(V1Pod pod, string ns)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var affinity = pod.Spec?.Affinity;
        if (affinity?.PodAffinity is null && affinity?.PodAntiAffinity is null)
        {
            return None;
        }
        string? error = null;
        var requiredAffinity = Required(pod, ns, affinity.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, ref error);
        var requiredAnti = Required(pod, ns, affinity.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, ref error);
        var preferredAffinity = Preferred(pod, ns, affinity.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, ref error);
        var preferredAnti = Preferred(pod, ns, affinity.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, ref error);
        return new(true, requiredAffinity, requiredAnti, preferredAffinity, preferredAnti, error);
    }

    private static AffinityTerm[] Required(V1Pod pod, string ns, IList<V1PodAffinityTerm>? terms, ref string? error)
    {
        if (terms is not { Count: > 0 })
        {
            return [];
        }
        var parsed = new List<AffinityTerm>(terms.Count);
        foreach (var term in terms)
        {
            string? e = "nil pod affinity term";
            if (term is not null && AffinityTerm.Parse(pod, ns, term, out e) is { } t)
            {
                parsed.Add(t);
                continue;
            }
            error ??= e;
        }
        return [.. parsed];
    }

    private static WeightedAffinityTerm[] Preferred(V1Pod pod, string ns, IList<V1WeightedPodAffinityTerm>? terms, ref string? error)
    {
        if (terms is not { Count: > 0 })
        {
            return [];
        }
        var parsed = new List<WeightedAffinityTerm>(terms.Count);
        foreach (var term in terms)
        {
            string? e = "nil pod affinity term";
            if (term?.PodAffinityTerm is not null && AffinityTerm.Parse(pod, ns, term.PodAffinityTerm, out e) is { } t)
            {
                parsed.Add(new(t, term.Weight));
                continue;
            }
            error ??= e;
        }
        return [.. parsed];
    }
}
