namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>
/// The state one group-commit transaction works on: the statements, the revision counter as the batch advances it,
/// and the watch events it produces. Discarded if the transaction fails.
/// </summary>
internal sealed class WriteBatch
{
    public WriteBatch(WriterStatements sql, long revision, long compacted, long compactedPhysical)
    {
        Sql = sql;
        Revision = revision;
        Compacted = compacted;
        CompactedPhysical = compactedPhysical;
    }

    public WriterStatements Sql { get; }

    /// <summary>The newest revision, including this batch's writes so far.</summary>
    public long Revision { get; private set; }

    /// <summary>The compacted revision (reads and watches before it fail).</summary>
    public long Compacted { get; set; }

    /// <summary>How far compacted rows have actually been deleted.</summary>
    public long CompactedPhysical { get; set; }

    /// <summary>The changes made so far, in revision order.</summary>
    public List<WatchEvent> Events { get; } = [];

    public long NextRevision() => ++Revision;

    /// <summary>
    /// The live version of <paramref name="key"/> if <paramref name="expectedModRevision"/> is 0 or its mod revision,
    /// ready to be superseded (its TTL dropped); otherwise null, with the refusal to report.
    /// </summary>
    public KeyValue? Supersede(string key, long expectedModRevision, out StorageException? refusal)
    {
        var current = Sql.ReadCurrent(key, out var hasExpiry);
        if (current is null)
        {
            refusal = StorageException.NotFound(key);
            return null;
        }

        if (expectedModRevision != 0 && current.ModRevision != expectedModRevision)
        {
            refusal = StorageException.Conflict(key, expectedModRevision, current);
            return null;
        }

        if (hasExpiry)
        {
            // The sweeper looks only at versions with a TTL; a superseded one must not be found.
            Sql.ClearExpiry(key, current.ModRevision);
        }

        refusal = null;
        return current;
    }
}
