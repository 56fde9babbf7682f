namespace SharpKube.Storage;

/// <summary>Why a storage call failed. The API server maps each to one HTTP status.</summary>
public enum StorageErrorCode
{
    /// <summary>The key does not exist (404).</summary>
    NotFound,

    /// <summary>A create found the key already present (409).</summary>
    AlreadyExists,

    /// <summary>A compare-and-swap found another mod revision (409); <see cref="StorageException.Current"/> holds the current value.</summary>
    Conflict,

    /// <summary>The revision asked for has been compacted away (410).</summary>
    Compacted,

    /// <summary>The revision asked for has not been written yet (504, "too large resource version").</summary>
    FutureRevision,

    /// <summary>A watcher fell too far behind the writers and was cut off (410 at the API: resume from the last revision).</summary>
    WatcherTooSlow,

    /// <summary>The key is empty, too long or not valid Unicode (400).</summary>
    InvalidKey,

    /// <summary>The value is larger than the store accepts (413).</summary>
    ValueTooLarge,

    /// <summary>The store cannot serve the request now: closed, unreachable, or its disk failed (503).</summary>
    Unavailable,

    /// <summary>The database file is damaged or not a database; the store refuses to open it.</summary>
    Corrupt,
}
