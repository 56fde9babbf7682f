namespace SharpKube.Storage.Sqlite;

/// <summary>The store's counters as kept in the <c>meta</c> table.</summary>
/// <param name="Revision">The newest committed revision.</param>
/// <param name="Compacted">The compacted revision: reads and watches before it fail.</param>
/// <param name="CompactedPhysical">How far the rows obsoleted by compaction have been deleted.</param>
internal readonly record struct SqliteStoreState(long Revision, long Compacted, long CompactedPhysical);
