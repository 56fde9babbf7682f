namespace SharpKube.Storage.Sqlite;

/// <summary>
/// Sizes compaction steps so each one holds up the writer for about a target time, whatever the disk: a step that
/// took much longer than the target halves the next one, a much quicker step grows it by half. Deleting superseded
/// versions reads and dirties pages all over the table, so a fixed number of revisions per step would mean very
/// different pauses on different disks. The time measured is the step's own work inside the writer, not its wait
/// in the queue: under heavy writes that wait alone would shrink steps until compaction fell behind the writers.
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

    /// <summary>Adjusts the step size after a step that held the writer for <paramref name="elapsed"/>.</summary>
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
