namespace SharpKube.Storage;

/// <summary>A storage call that failed for a reason the caller can act on.</summary>
public sealed class StorageException : Exception
{
    /// <summary>Creates an error with a code and a message for people.</summary>
    public StorageException(StorageErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>What went wrong.</summary>
    public StorageErrorCode Code { get; }

    /// <summary>The key the call was about, when there is one.</summary>
    public string? Key { get; init; }

    /// <summary>For <see cref="StorageErrorCode.Conflict"/>: the key's current version.</summary>
    public KeyValue? Current { get; init; }

    /// <summary>For <see cref="StorageErrorCode.Compacted"/> and <see cref="StorageErrorCode.FutureRevision"/>: the revision that bounds what can be read.</summary>
    public long Revision { get; init; }

    internal static StorageException NotFound(string key) =>
        new(StorageErrorCode.NotFound, $"key not found: {key}") { Key = key };

    internal static StorageException AlreadyExists(string key) =>
        new(StorageErrorCode.AlreadyExists, $"key already exists: {key}") { Key = key };

    internal static StorageException Conflict(string key, long expectedModRevision, KeyValue current) =>
        new(StorageErrorCode.Conflict,
            $"conflict on {key}: expected mod revision {expectedModRevision}, found {current.ModRevision}")
        { Key = key, Current = current };

    internal static StorageException Compacted(long requested, long compacted) =>
        new(StorageErrorCode.Compacted,
            $"revision {requested} has been compacted; the oldest readable revision is {compacted}")
        { Revision = compacted };

    internal static StorageException FutureRevision(long requested, long current) =>
        new(StorageErrorCode.FutureRevision,
            $"revision {requested} is newer than the store's current revision {current}")
        { Revision = current };

    internal static StorageException Closed() =>
        new(StorageErrorCode.Unavailable, "the store is closed");
}
