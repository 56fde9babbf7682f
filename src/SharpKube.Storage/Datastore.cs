using SharpKube.Storage.Etcd;
using SharpKube.Storage.Memory;
using SharpKube.Storage.Sqlite;

namespace SharpKube.Storage;

/// <summary>Opens the datastore a <see cref="DatastoreOptions"/> describes.</summary>
public static class Datastore
{
    /// <summary>Opens (and for SQLite, creates if missing) the configured datastore.</summary>
    public static async Task<IKeyValueStore> OpenAsync(DatastoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Driver switch
        {
            DatastoreDriver.Etcd => await EtcdStore.ConnectAsync(new EtcdStoreOptions
            {
                Endpoints = options.EtcdEndpoints,
                KeyPrefix = options.EtcdKeyPrefix,
                LoggerFactory = options.LoggerFactory,
                TimeProvider = options.TimeProvider,
            }, cancellationToken),
            DatastoreDriver.Memory => new MemoryStore(options.TimeProvider),
            DatastoreDriver.Sqlite => SqliteStore.Open(options.SqlitePath, new SqliteStoreOptions
            {
                TimeProvider = options.TimeProvider,
                LoggerFactory = options.LoggerFactory,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Driver, "unknown datastore driver"),
        };
    }
}
