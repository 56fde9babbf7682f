using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SharpKube.Client.Informers;

/// <summary>
/// One resource's informer, shared by every controller that follows the resource: a single list and watch keep
/// an indexed local cache (<see cref="Indexer"/>) current and tell every registered
/// <see cref="ResourceEventHandler{T}"/> what changed. Read state from the cache after
/// <see cref="WaitForCacheSyncAsync"/>; react to changes by enqueuing keys from the handlers.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class SharedInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly InformerStore<T> _store;
    private readonly Reflector<T> _reflector;
    private readonly SharedInformerOptions _options;
    private int _started;

    /// <summary>An informer over <paramref name="listWatch"/>.</summary>
    public SharedInformer(ListWatch<T> listWatch, SharedInformerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(listWatch);
        _options = options ?? new SharedInformerOptions();
        logger ??= NullLogger.Instance;
        _store = new InformerStore<T>(logger);
        _reflector = new Reflector<T>(listWatch, _store, _options, logger);
    }

    /// <summary>The local cache. Never mutate the objects it holds.</summary>
    public Indexer<T> Indexer => _store.Indexer;

    /// <summary>True once the first list is in the cache.</summary>
    public bool HasSynced => _store.Synced.IsCompleted;

    /// <summary>The newest resourceVersion the cache reflects (from the last list, event or bookmark).</summary>
    public string? LastSyncResourceVersion => _reflector.LastSyncResourceVersion;

    /// <summary>
    /// Registers a handler. It first gets an ADD for every object already cached, then every change, in order.
    /// Dispose the result to unregister; wait on it to know the handler has seen the informer's first list.
    /// </summary>
    public IEventHandlerRegistration AddEventHandler(ResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return _store.AddListener(handler);
    }

    /// <summary>Adds a named index to the cache (see <see cref="Indexer{T}.AddIndexer"/>).</summary>
    public void AddIndexer(string indexName, IndexFunc<T> indexFunc) => Indexer.AddIndexer(indexName, indexFunc);

    /// <summary>Waits until the first list is in the cache: true, or false when cancelled first.</summary>
    public async Task<bool> WaitForCacheSyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.Synced.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Lists, watches and resyncs until cancelled; an informer runs once.</summary>
    /// <exception cref="InvalidOperationException">The informer already ran.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"the {typeof(T).Name} informer already ran");
        }
        try
        {
            var resync = _options.ResyncPeriod is { } period && period > TimeSpan.Zero
                ? ResyncAsync(period, cancellationToken)
                : Task.CompletedTask;
            await _reflector.RunAsync(cancellationToken).ConfigureAwait(false);
            await resync.ConfigureAwait(false);
        }
        finally
        {
            await _store.StopListenersAsync().ConfigureAwait(false);
        }
    }

    private async Task ResyncAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, _options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (HasSynced)
                {
                    _store.Resync();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
