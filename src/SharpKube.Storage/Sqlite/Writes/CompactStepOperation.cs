namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>
/// Deletes the rows made obsolete by the revisions in (low, high] — a bounded amount of work, so writers queued
/// behind it wait only briefly. Returns the number of rows deleted.
/// </summary>
internal sealed class CompactStepOperation(long low, long high) : WriteOperation<int>
{
    public override void Apply(WriteBatch batch)
    {
        var deleted = batch.Sql.DeleteCompacted(low, high);
        if (high > batch.CompactedPhysical)
        {
            batch.CompactedPhysical = high;
            batch.Sql.SetMeta("compacted_physical", high);
        }

        Succeed(deleted);
    }
}
