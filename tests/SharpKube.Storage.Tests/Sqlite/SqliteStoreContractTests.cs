using SharpKube.Storage.Sqlite;
using SharpKube.Storage.Tests.Contract;

namespace SharpKube.Storage.Tests.Sqlite;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly TempDirectory _dir = new();

    protected override Task<IKeyValueStore> OpenStoreAsync() =>
        Task.FromResult<IKeyValueStore>(SqliteStore.Open(_dir.File("db/state.db"), new SqliteStoreOptions { TtlSweepInterval = TimeSpan.FromMilliseconds(100) }));

    protected override void StoreClosed() => _dir.Dispose();
}
