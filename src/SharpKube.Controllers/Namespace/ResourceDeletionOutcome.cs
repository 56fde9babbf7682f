namespace SharpKube.Controllers.Namespace;

/// <summary>What is left of one resource in a namespace after a deletion pass.</summary>
/// <param name="EstimateSeconds">How long to wait before looking again; zero when nothing is expected to go away by itself.</param>
/// <param name="Remaining">How many objects remain.</param>
/// <param name="ByFinalizer">How many of them wait for each finalizer.</param>
internal sealed record ResourceDeletionOutcome(long EstimateSeconds, int Remaining, IReadOnlyDictionary<string, int> ByFinalizer)
{
    /// <summary>Nothing remains.</summary>
    public static ResourceDeletionOutcome Empty { get; } = new(0, 0, new Dictionary<string, int>());
}
