namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A PreFilter plugin's statement that only some nodes can fit the pod (e.g. NodeAffinity with a
/// <c>metadata.name</c> term), so Filter need not look at the others. Null means all nodes.
/// </summary>
/// <param name="NodeNames">The only nodes that can fit.</param>
public sealed record PreFilterResult(IReadOnlySet<string> NodeNames)
{
    /// <summary>The nodes both results allow (null stands for all nodes).</summary>
    public static PreFilterResult? Merge(PreFilterResult? a, PreFilterResult? b) =>
        a is null ? b : b is null ? a : new PreFilterResult(a.NodeNames.Where(b.NodeNames.Contains).ToHashSet(StringComparer.Ordinal));
}
