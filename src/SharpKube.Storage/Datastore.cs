using SharpKube.Storage.Memory;

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
            _ => throw new NotSupportedException($"the {options.Driver} driver is not wired yet"),
        };
    }
}
