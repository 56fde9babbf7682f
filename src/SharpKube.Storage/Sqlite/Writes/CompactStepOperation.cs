namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>
/// Deletes the rows made obsolete by the revisions in (low, high] — a bounded amount of work, so writers queued
/// behind it wait only briefly. Returns how long the transaction that carried it held the writer, fsync of the
/// pages it dirtied included and its wait in the queue excluded: the pause it caused.
/// </summary>
internal sealed class CompactStepOperation(long low, long high) : WriteOperation<TimeSpan>
{
    public override void Apply(WriteBatch batch)
    {
        batch.Sql.DeleteCompacted(low, high);
        if (high > batch.CompactedPhysical)
        {
            batch.CompactedPhysical = high;
            batch.Sql.SetMeta("compacted_physical", high);
        }
    }

    protected override void Committed(TimeSpan transactionTime) => Succeed(transactionTime);
}
