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
}
