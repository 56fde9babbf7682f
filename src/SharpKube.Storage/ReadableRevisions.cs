namespace SharpKube.Storage;

/// <summary>
/// The revisions a read may ask for: from the compacted revision up to the current one (a driver's snapshot of both).
/// </summary>
/// <param name="Revision">The newest revision.</param>
/// <param name="Compacted">The compacted revision; older reads fail with <see cref="StorageErrorCode.Compacted"/>.</param>
internal readonly record struct ReadableRevisions(long Revision, long Compacted)
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
