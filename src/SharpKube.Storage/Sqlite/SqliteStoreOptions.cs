using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SharpKube.Storage.Sqlite;

/// <summary>Tuning and dependencies of the SQLite driver.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The clock TTLs are measured with.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the driver logs.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>How far a watcher may fall behind (in events) before it is cut off.</summary>
    public int MaxPendingWatchEvents { get; init; } = 100_000;

    /// <summary>The most writes committed in one transaction (one fsync).</summary>
    public int MaxWritesPerCommit { get; init; } = 4096;

    /// <summary>
    /// How long one compaction step may hold up writers; steps are resized after each one to stay near it, so a
    /// compaction of any size never pauses writers for long.
    /// </summary>
    public TimeSpan CompactionStepTarget { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often expired keys are looked for.</summary>
    public TimeSpan TtlSweepInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether to run SQLite's <c>quick_check</c> on open, refusing a damaged file before writing to it.</summary>
    public bool VerifyOnOpen { get; init; } = true;
}
