namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>
/// Moves the compacted revision forward (reads and watches before it fail from then on). The rows it makes
/// obsolete are deleted afterwards by <see cref="CompactStepOperation"/>s. Returns how far rows were deleted before.
/// </summary>
internal sealed class CompactOperation(long revision) : WriteOperation<long>
{
    public override void Apply(WriteBatch batch)
    {
        if (revision > batch.Revision)
        {
            Refuse(StorageException.FutureRevision(revision, batch.Revision));
            return;
        }

        if (revision <= batch.Compacted)
        {
            Refuse(StorageException.Compacted(revision, batch.Compacted));
            return;
        }

        batch.Compacted = revision;
        batch.Sql.SetMeta("compacted", revision);
        Succeed(batch.CompactedPhysical);
    }
}
