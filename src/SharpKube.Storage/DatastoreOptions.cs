using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SharpKube.Storage;

/// <summary>Where and how to open the datastore.</summary>
public sealed record DatastoreOptions
{
    /// <summary>The driver (default SQLite).</summary>
    public DatastoreDriver Driver { get; init; } = DatastoreDriver.Sqlite;

    /// <summary>The data directory; the SQLite database is <c>&lt;DataDir&gt;/db/state.db</c>.</summary>
    public string DataDir { get; init; } = "/var/lib/sharpkube";

    /// <summary>The etcd client URLs, e.g. <c>http://127.0.0.1:2379</c>.</summary>
    public IReadOnlyList<string> EtcdEndpoints { get; init; } = [];

    /// <summary>A prefix put in front of every key in etcd, so several clusters can share one etcd.</summary>
    public string EtcdKeyPrefix { get; init; } = "";

    /// <summary>The clock TTLs are measured with.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the datastore logs.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The SQLite database file for these options.</summary>
    public string SqlitePath => Path.Combine(DataDir, "db", "state.db");
}
