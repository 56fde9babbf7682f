namespace SharpKube.Storage.Sqlite;

/// <summary>
/// Sizes compaction steps so each one holds up the writer for about a target time, whatever the disk: a step that
/// took much longer than the target halves the next one, a much quicker step grows it by half. Deleting superseded
/// versions dirties pages all over the table, and those pages are written and fsynced by the commit that carries
/// the step, so a fixed number of revisions per step would mean very different pauses on different disks.
/// </summary>
internal sealed class CompactionPacer
{
    private const int MinRevisions = 16;
    private const int MaxRevisions = 2_048;
    private readonly TimeSpan _target;

    public CompactionPacer(int initialRevisions, TimeSpan target)
    {
        Revisions = Math.Clamp(initialRevisions, MinRevisions, MaxRevisions);
        _target = target;
    }

    /// <summary>How many revisions the next step covers.</summary>
    public int Revisions { get; private set; }

    /// <summary>Adjusts the step size after a step that took <paramref name="elapsed"/> from submission to commit.</summary>
    public void Observe(TimeSpan elapsed)
    {
        if (elapsed > _target * 2)
        {
            Revisions = Math.Max(MinRevisions, Revisions / 2);
        }
        else if (elapsed < _target / 2)
        {
            Revisions = Math.Min(MaxRevisions, Revisions + (Revisions / 2));
        }
    }
}
