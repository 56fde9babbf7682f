using SharpKube.Storage.Memory;
using SharpKube.Storage.Sqlite;

namespace SharpKube.Storage;

/// <summary>Opens the datastore a <see cref="DatastoreOptions"/> describes.</summary>
public static class Datastore
{
    /// <summary>Opens (and for SQLite, creates if missing) the configured datastore.</summary>
    public static Task<IKeyValueStore> OpenAsync(DatastoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Driver switch
        {
            DatastoreDriver.Memory => Task.FromResult<IKeyValueStore>(new MemoryStore(options.TimeProvider)),
            DatastoreDriver.Sqlite => Task.FromResult<IKeyValueStore>(SqliteStore.Open(options.SqlitePath, new SqliteStoreOptions
            {
                TimeProvider = options.TimeProvider,
                LoggerFactory = options.LoggerFactory,
            })),
            _ => throw new NotSupportedException($"the {options.Driver} driver is not wired yet"),
        };
    }
}
