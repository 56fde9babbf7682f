using k8s.Models;

namespace SharpKube.Scheduler.Plugins.TaintToleration;

/// <summary>Whether tolerations tolerate taints, as upstream's <c>Toleration.ToleratesTaint</c>.</summary>
public static class Tolerations
{
    /// <summary>NoSchedule.</summary>
    public const string NoSchedule = "NoSchedule";

    /// <summary>NoExecute.</summary>
    public const string NoExecute = "NoExecute";

    /// <summary>PreferNoSchedule.</summary>
    public const string PreferNoSchedule = "PreferNoSchedule";

    /// <summary>
    /// Whether <paramref name="toleration"/> tolerates a taint: its effect is empty (all) or the taint's, its key is
    /// empty (with Exists: all) or the taint's, and with Equal (the default) the values match.
    /// </summary>
    public static bool Tolerates(V1Toleration toleration, string key, string? value, string? effect)
    {
        ArgumentNullException.ThrowIfNull(toleration);
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != effect)
        {
            return false;
        }
        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != key)
        {
            return false;
        }
        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    /// <summary>Whether any of <paramref name="tolerations"/> tolerates <paramref name="taint"/>.</summary>
    public static bool AnyTolerates(IReadOnlyList<V1Toleration> tolerations, V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(tolerations);
        ArgumentNullException.ThrowIfNull(taint);
        for (var i = 0; i < tolerations.Count; i++)
        {
            if (Tolerates(tolerations[i], taint.Key ?? "", taint.Value, taint.Effect))
            {
                return true;
            }
        }
        return false;
    }
}
