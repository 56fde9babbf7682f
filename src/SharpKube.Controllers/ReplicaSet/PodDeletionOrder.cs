using System.Globalization;
using k8s.Models;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>
/// Which replicas go first when a controller scales down, in upstream's order: unassigned before assigned;
/// Pending before Unknown before Running; not ready before ready; lower <c>controller.kubernetes.io/pod-deletion-cost</c>
/// first; more related pods on the same node first (doubled up); ready for a shorter time first; more container
/// restarts first; newer first. Ready and creation times compare on a log₂ scale of their age, ties broken by uid, so
/// equally old pods are picked pseudo-randomly.
/// </summary>
public sealed class PodDeletionOrder : IComparer<V1Pod>
{
    /// <summary>The annotation that ranks pods of one controller for deletion (lower first).</summary>
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    private readonly Dictionary<string, int> _activeOnNode;
    private readonly DateTimeOffset _now;

    /// <summary>An order ranking pods by how many active pods of <paramref name="relatedPods"/> share their node.</summary>
    public PodDeletionOrder(IEnumerable<V1Pod> relatedPods, DateTimeOffset now)
    {
        _activeOnNode = relatedPods.Where(PodReadiness.IsActive)
            .GroupBy(p => p.Spec?.NodeName ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        _now = now;
    }

    /// <summary>The first <paramref name="count"/> of <paramref name="pods"/> in deletion order.</summary>
    public static IReadOnlyList<V1Pod> PodsToDelete(IReadOnlyList<V1Pod> pods, IEnumerable<V1Pod> relatedPods, int count, DateTimeOffset now) =>
        count >= pods.Count ? pods : [.. pods.Order(new PodDeletionOrder(relatedPods, now)).Take(count)];

    /// <inheritdoc/>
    public int Compare(V1Pod? x, V1Pod? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var nodeX = x.Spec?.NodeName ?? "";
        var nodeY = y.Spec?.NodeName ?? "";
        if ((nodeX.Length == 0) != (nodeY.Length == 0))
        {
            return nodeX.Length == 0 ? -1 : 1;
        }
        var byPhase = PhaseOrdinal(x).CompareTo(PhaseOrdinal(y));
        if (byPhase != 0)
        {
            return byPhase;
        }
        var readyX = PodReadiness.IsReady(x);
        var readyY = PodReadiness.IsReady(y);
        if (readyX != readyY)
        {
            return readyX ? 1 : -1;
        }
        var byCost = DeletionCost(x).CompareTo(DeletionCost(y));
        if (byCost != 0)
        {
            return byCost;
        }
        var byRank = _activeOnNode.GetValueOrDefault(nodeY).CompareTo(_activeOnNode.GetValueOrDefault(nodeX));
        if (byRank != 0)
        {
            return byRank;
        }
        if (readyX && readyY)
        {
            var byReadyTime = NewerFirst(PodReadiness.ReadySince(x), PodReadiness.ReadySince(y), x, y);
            if (byReadyTime != 0)
            {
                return byReadyTime;
            }
        }
        var byRestarts = MaxRestarts(y).CompareTo(MaxRestarts(x));
        if (byRestarts != 0)
        {
            return byRestarts;
        }
        return NewerFirst(x.Metadata?.CreationTimestamp, y.Metadata?.CreationTimestamp, x, y);
    }

    /// <summary>Missing times first, then the more recent on a log₂ scale of age; equal ranks by uid.</summary>
    private int NewerFirst(DateTime? timeX, DateTime? timeY, V1Pod x, V1Pod y)
    {
        if (timeX == timeY)
        {
            return 0;
        }
        if (timeX is null || timeY is null)
        {
            return timeX is null ? -1 : 1;
        }
        var rankDiff = LogRank(timeX.Value) - LogRank(timeY.Value);
        if (rankDiff == 0)
        {
            return string.CompareOrdinal(x.Metadata?.Uid, y.Metadata?.Uid);
        }
        return rankDiff < 0 ? -1 : 1;
    }

    /// <summary>log₂ of the age in nanoseconds (as upstream measures durations); −1 for the future.</summary>
    private long LogRank(DateTime time)
    {
        var age = _now - PodReadiness.ToUtc(time);
        return age > TimeSpan.Zero ? (long)Math.Log2(age.Ticks * 100.0) : -1;
    }

    private static int PhaseOrdinal(V1Pod pod) => pod.Status?.Phase switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    private static int DeletionCost(V1Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(DeletionCostAnnotation, out var text) == true
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost)
            ? cost
            : 0;

    private static int MaxRestarts(V1Pod pod) => pod.Status?.ContainerStatuses?.Select(c => c.RestartCount).DefaultIfEmpty(0).Max() ?? 0;
}
