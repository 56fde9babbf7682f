using SharpKube.Storage.Sqlite;
using SharpKube.Storage.Tests.Contract;

namespace SharpKube.Storage.Tests.Sqlite;

public sealed class SqliteSlowWatcherTests : SlowWatcherTests
{
    private readonly TempDirectory _dir = new();

    protected override Task<IKeyValueStore> OpenStoreAsync() =>
        Task.FromResult<IKeyValueStore>(SqliteStore.Open(_dir.File("state.db"), new SqliteStoreOptions { MaxPendingWatchEvents = MaxPendingEvents }));

    protected override void StoreClosed() => _dir.Dispose();
}
