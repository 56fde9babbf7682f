namespace SharpKube.Storage.Sqlite;

/// <summary>The store's revision and compaction point as one read transaction saw them.</summary>
internal readonly record struct ReadSnapshot(long Revision, long Compacted)
{
    /// <summary>The revision to read at for a request of <paramref name="requested"/> (0 = newest), or the error for it.</summary>
    public long Resolve(long requested)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requested);
        if (requested == 0)
        {
            return Revision;
        }

        if (requested > Revision)
        {
            throw StorageException.FutureRevision(requested, Revision);
        }

        if (requested < Compacted)
        {
            throw StorageException.Compacted(requested, Compacted);
        }

        return requested;
    }
}
