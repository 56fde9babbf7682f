namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>
/// When each revision's write call returned to its writer, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp,
/// so a watcher can compute its delivery lag the moment it receives an event, without storing events.
/// </summary>
/// <remarks>
/// Revisions after <c>baseRevision</c> index chunks of 64 Ki slots, allocated on first use by compare-and-swap into a
/// fixed table (2^32 revisions in all — far more than one phase writes). Each slot is written once, by the writer that
/// got that revision. A slot still 0 when a watcher reads it means the writer's call had not returned yet: the event
/// arrived first, and the lag is 0.
/// </remarks>
internal sealed class RevisionClock
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkCount = 1 << 16;

    private readonly long _baseRevision;
    private readonly long[]?[] _chunks = new long[]?[ChunkCount];

    public RevisionClock(long baseRevision)
    {
        _baseRevision = baseRevision;
    }

    /// <summary>Records that the write producing <paramref name="revision"/> returned at <paramref name="timestamp"/>.</summary>
    public void SetReturned(long revision, long timestamp)
    {
        if (!TrySplit(revision, out var chunkIndex, out var slot))
        {
            return;
        }

        var chunk = Volatile.Read(ref _chunks[chunkIndex]);
        if (chunk is null)
        {
            // Writers may race to allocate a chunk; one array wins and every writer uses it.
            Interlocked.CompareExchange(ref _chunks[chunkIndex], new long[ChunkSize], null);
            chunk = Volatile.Read(ref _chunks[chunkIndex])!;
        }

        Volatile.Write(ref chunk[slot], timestamp);
    }

    /// <summary>When the write producing <paramref name="revision"/> returned, or 0 if it has not (yet).</summary>
    public long ReturnedAt(long revision)
    {
        if (!TrySplit(revision, out var chunkIndex, out var slot))
        {
            return 0;
        }

        var chunk = Volatile.Read(ref _chunks[chunkIndex]);
        return chunk is null ? 0 : Volatile.Read(ref chunk[slot]);
    }

    private bool TrySplit(long revision, out int chunkIndex, out int slot)
    {
        var offset = revision - _baseRevision;
        chunkIndex = (int)(offset >> ChunkBits);
        slot = (int)(offset & (ChunkSize - 1));
        return offset > 0 && offset < (long)ChunkCount * ChunkSize;
    }
}
