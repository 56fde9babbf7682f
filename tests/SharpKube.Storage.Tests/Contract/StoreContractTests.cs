using System.Text;

namespace SharpKube.Storage.Tests.Contract;

/// <summary>
/// The datastore contract, run against every driver: each driver's test class derives from this one and says how
/// to open a fresh, empty store. Tests assert revisions relative to each other, never absolute numbers.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    private IKeyValueStore? _store;

    /// <summary>The store under test, empty when each test starts.</summary>
    protected IKeyValueStore Store => _store ?? throw new InvalidOperationException("store not opened");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Opens a fresh, empty store of the driver under test.</summary>
    protected abstract Task<IKeyValueStore> OpenStoreAsync();

    public async ValueTask InitializeAsync() => _store = await OpenStoreAsync();

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        StoreClosed();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs after the store is closed: remove what the driver left on disk.</summary>
    protected virtual void StoreClosed()
    {
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(KeyValue? kv) => kv is null ? "<null>" : Encoding.UTF8.GetString(kv.Value.Span);

    /// <summary>Reads <paramref name="count"/> events from a watch, failing the test if they do not arrive in time.</summary>
    protected static async Task<List<WatchEvent>> TakeAsync(IAsyncEnumerable<WatchEvent> watch, int count, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        var events = new List<WatchEvent>(count);
        try
        {
            await foreach (var e in watch.WithCancellation(deadline.Token))
            {
                events.Add(e);
                if (events.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"watch delivered {events.Count} of {count} events before the deadline");
        }

        return events;
    }

    /// <summary>Writes a create, an update and a delete of one key; returns their revisions.</summary>
    protected async Task<(long Created, long Updated, long Deleted)> CreateUpdateDeleteAsync(string key)
    {
        var created = await Store.CreateAsync(key, Bytes("v1"), cancellationToken: Ct);
        var updated = await Store.UpdateAsync(key, Bytes("v2"), created.ModRevision, cancellationToken: Ct);
        var deleted = await Store.DeleteAsync(key, cancellationToken: Ct);
        return (created.ModRevision, updated.ModRevision, deleted.Revision);
    }
}
