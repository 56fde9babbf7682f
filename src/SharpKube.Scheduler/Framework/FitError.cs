using System.Globalization;
using System.Text;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// The pod fits no node. Its message is upstream's summary, word for word:
/// <c>0/N nodes are available: &lt;PreFilter message&gt;.</c> or, when PreFilter passed, the Filter reasons counted
/// over nodes and sorted (<c>0/5 nodes are available: 2 node(s) had untolerated taint {k: v}, 3 Insufficient cpu.</c>),
/// then the PostFilter message when a PostFilter plugin ran (<c> preemption: …</c>).
/// </summary>
public sealed class FitError : Exception
{
    /// <summary>The error for <paramref name="pod"/> over <paramref name="numAllNodes"/> nodes.</summary>
    public FitError(PodInfo pod, int numAllNodes, Diagnosis diagnosis)
    {
        Pod = pod;
        NumAllNodes = numAllNodes;
        Diagnosis = diagnosis;
    }

    /// <summary>The pod.</summary>
    public PodInfo Pod { get; }

    /// <summary>How many nodes the snapshot had.</summary>
    public int NumAllNodes { get; }

    /// <summary>Why.</summary>
    public Diagnosis Diagnosis { get; }

    /// <summary>The summary (worked out when read, so a PostFilter message added later is in it).</summary>
    public override string Message => Summarize(NumAllNodes, Diagnosis);

    private static string Summarize(int numAllNodes, Diagnosis diagnosis)
    {
        var message = new StringBuilder();
        message.Append(CultureInfo.InvariantCulture, $"0/{numAllNodes} nodes are available:");
        if (diagnosis.PreFilterMessage.Length > 0)
        {
            // PreFilter rejected the pod for every node at once; the per-node statuses would repeat it.
            message.Append(' ').Append(diagnosis.PreFilterMessage).Append('.');
        }
        else
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var status in diagnosis.NodeStatuses.Values)
            {
                foreach (var reason in status.Reasons)
                {
                    counts[reason] = counts.GetValueOrDefault(reason) + 1;
                }
            }
            var absent = numAllNodes - diagnosis.NodeStatuses.Count;
            if (absent > 0 && diagnosis.AbsentNodesStatus is { } absentStatus)
            {
                foreach (var reason in absentStatus.Reasons)
                {
                    counts[reason] = counts.GetValueOrDefault(reason) + absent;
                }
            }
            if (counts.Count > 0)
            {
                // Sorted as strings, count first, as upstream's sort.Strings does (so "10 …" sorts before "2 …").
                var histogram = counts.Select(c => c.Value.ToString(CultureInfo.InvariantCulture) + " " + c.Key).ToList();
                histogram.Sort(StringComparer.Ordinal);
                message.Append(' ').AppendJoin(", ", histogram).Append('.');
            }
        }
        if (diagnosis.PostFilterMessage.Length > 0)
        {
            message.Append(' ').Append(diagnosis.PostFilterMessage);
        }
        return message.ToString();
    }
}
