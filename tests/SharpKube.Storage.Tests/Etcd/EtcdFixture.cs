using SharpKube.Storage.Etcd;

namespace SharpKube.Storage.Tests.Etcd;

/// <summary>
/// One real etcd for every etcd test class. The classes share it through one collection, so they never run at the
/// same time: revisions and compaction are global to an etcd, and the contract tests assert revisions relative to
/// each other, which another class writing (or compacting) concurrently would break.
/// </summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private EtcdProcess? _etcd;

    public string ClientUrl => _etcd?.ClientUrl ?? throw new InvalidOperationException("etcd not started");

    public async ValueTask InitializeAsync() => _etcd = await EtcdProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>A store on the shared etcd, under a key prefix no other store uses.</summary>
    public Task<EtcdStore> OpenStoreAsync(string? keyPrefix = null) =>
        EtcdStore.ConnectAsync(
            new EtcdStoreOptions { Endpoints = [ClientUrl], KeyPrefix = keyPrefix ?? $"/test-{Guid.NewGuid():N}" },
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }
    }
}
