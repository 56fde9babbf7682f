using System.Globalization;
using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// The replica arithmetic of rollouts, as upstream defines it: maxSurge rounds up and maxUnavailable rounds down
/// from percentages of <c>spec.replicas</c> (both 0 means maxUnavailable 1), how far a new ReplicaSet may grow, and
/// each ReplicaSet's share when a Deployment is scaled in the middle of a rollout.
/// </summary>
internal static class DeploymentReplicas
{
    /// <summary>The strategy type that rolls pods over gradually (the default).</summary>
    public const string RollingUpdate = "RollingUpdate";

    /// <summary>The strategy type that removes every old pod before creating new ones.</summary>
    public const string Recreate = "Recreate";

    /// <summary>The Deployment's <c>spec.replicas</c> (1 when unset, as the server defaults it).</summary>
    public static int Desired(V1Deployment deployment) => deployment.Spec?.Replicas ?? 1;

    /// <summary>A ReplicaSet's <c>spec.replicas</c> (1 when unset, as the server defaults it).</summary>
    public static int Of(V1ReplicaSet rs) => rs.Spec?.Replicas ?? 1;

    /// <summary>True for the RollingUpdate strategy.</summary>
    public static bool IsRollingUpdate(V1Deployment deployment) => deployment.Spec?.Strategy?.Type == RollingUpdate;

    /// <summary>How many pods above <c>spec.replicas</c> a rolling update may run (0 for Recreate).</summary>
    public static int MaxSurge(V1Deployment deployment)
    {
        if (!IsRollingUpdate(deployment))
        {
            return 0;
        }
        var rolling = deployment.Spec.Strategy.RollingUpdate;
        return ResolveFenceposts(rolling?.MaxSurge, rolling?.MaxUnavailable, Desired(deployment)).Surge;
    }

    /// <summary>How many of <c>spec.replicas</c> may be unavailable during a rolling update (0 for Recreate).</summary>
    public static int MaxUnavailable(V1Deployment deployment)
    {
        var desired = Desired(deployment);
        if (!IsRollingUpdate(deployment) || desired == 0)
        {
            return 0;
        }
        var rolling = deployment.Spec.Strategy.RollingUpdate;
        return Math.Min(ResolveFenceposts(rolling?.MaxSurge, rolling?.MaxUnavailable, desired).Unavailable, desired);
    }

    /// <summary>
    /// Resolves maxSurge (rounded up) and maxUnavailable (rounded down) against <paramref name="desired"/>; when both
    /// come to 0, maxUnavailable is 1 so that a rollout can make progress.
    /// </summary>
    public static (int Surge, int Unavailable) ResolveFenceposts(IntOrString? maxSurge, IntOrString? maxUnavailable, int desired)
    {
        var surge = Scaled(maxSurge, desired, roundUp: true);
        var unavailable = Scaled(maxUnavailable, desired, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    /// <summary>
    /// An int-or-percent against <paramref name="total"/>: <c>3</c> is 3, <c>25%</c> of 10 is 3 rounded up or 2
    /// rounded down. Unset or unreadable values (validation refuses them) count as 0.
    /// </summary>
    public static int Scaled(IntOrString? value, int total, bool roundUp)
    {
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        if (!text.EndsWith('%'))
        {
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : 0;
        }
        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent))
        {
            return 0;
        }
        var product = (long)percent * total;
        return (int)(roundUp ? (long)Math.Ceiling(product / 100.0) : (long)Math.Floor(product / 100.0));
    }

    /// <summary>
    /// The size the new ReplicaSet should have next: for a rolling update, grown towards <c>spec.replicas</c> as far
    /// as maxSurge allows over all ReplicaSets' pods; for Recreate, <c>spec.replicas</c> at once.
    /// </summary>
    public static int NewReplicaSetReplicas(V1Deployment deployment, IEnumerable<V1ReplicaSet> allReplicaSets, V1ReplicaSet newReplicaSet)
    {
        var desired = Desired(deployment);
        if (!IsRollingUpdate(deployment))
        {
            return desired;
        }
        var current = ReplicaSetCounts.Spec(allReplicaSets);
        var maxTotal = desired + MaxSurge(deployment);
        var size = Of(newReplicaSet);
        if (current >= maxTotal)
        {
            return size;
        }
        return size + Math.Min(maxTotal - current, desired - size);
    }

    /// <summary>
    /// How many replicas <paramref name="rs"/> should gain (or lose, when negative) of the <paramref name="toAdd"/>
    /// being spread over the active ReplicaSets, <paramref name="added"/> of which are spread already: its share of
    /// the new maximum size, by the maximum it was last sized for (its max-replicas annotation).
    /// </summary>
    public static int Proportion(V1ReplicaSet? rs, V1Deployment deployment, int toAdd, int added)
    {
        if (rs is null || Of(rs) == 0 || toAdd == 0 || toAdd == added)
        {
            return 0;
        }
        var fraction = Fraction(rs, deployment);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    /// <summary>
    /// True when <paramref name="rs"/> (the new ReplicaSet) runs all of <c>spec.replicas</c>, available, and was sized
    /// for the current <c>spec.replicas</c>.
    /// </summary>
    public static bool IsSaturated(V1Deployment deployment, V1ReplicaSet? rs)
    {
        if (rs is null)
        {
            return false;
        }
        var desired = Desired(deployment);
        return DeploymentAnnotations.DesiredReplicasOf(rs) == desired && Of(rs) == desired && (rs.Status?.AvailableReplicas ?? 0) == desired;
    }

    private static int Fraction(V1ReplicaSet rs, V1Deployment deployment)
    {
        var desired = Desired(deployment);
        if (desired == 0)
        {
            return -Of(rs);
        }
        var deploymentMax = desired + MaxSurge(deployment);
        var annotatedMax = DeploymentAnnotations.MaxReplicasOf(rs) ?? deployment.Status?.Replicas ?? 0;
        if (annotatedMax <= 0)
        {
            // Nothing to take a share of: the largest ReplicaSet gets the leftover instead.
            return 0;
        }
        var size = (double)Of(rs) * deploymentMax / annotatedMax;
        return (int)Math.Round(size, MidpointRounding.AwayFromZero) - Of(rs);
    }
}
