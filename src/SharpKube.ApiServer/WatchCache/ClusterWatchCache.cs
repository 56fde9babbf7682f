using Microsoft.Extensions.Logging;
using SharpKube.Storage;

namespace SharpKube.ApiServer.WatchCache;

/// <summary>
/// The watch cache of the whole API server: one datastore watch over <c>/registry/</c>, routed by key
/// prefix to a <see cref="ResourceCache"/> per resource. Because every change passes through here in
/// revision order, <see cref="Revision"/> says the caches are complete up to that revision, which is
/// what consistent reads wait for.
/// </summary>
public sealed class ClusterWatchCache : IAsyncDisposable
{
    /// <summary>How long history is kept for resuming watches by default (upstream keeps ~75 s).</summary>
    public static readonly TimeSpan DefaultHistoryRetention = TimeSpan.FromSeconds(75);

    private const string RegistryPrefix = "/registry/";

    private readonly IKeyValueStore _store;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ResourceCache> _caches = new(StringComparer.Ordinal);
    private readonly Lock _waitersLock = new();
    private readonly List<(long Revision, TaskCompletionSource Done)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _pump = Task.CompletedTask;
    private long _revision;

    /// <summary>
    /// Creates the cache; call <see cref="Register"/> for every resource, then <see cref="StartAsync"/>.
    /// <paramref name="historyRetention"/> (default <see cref="DefaultHistoryRetention"/>) is how long each
    /// resource's history grows to keep events for resuming watches.
    /// </summary>
    public ClusterWatchCache(IKeyValueStore store, TimeProvider time, ILogger logger, TimeSpan? historyRetention = null)
    {
        _store = store;
        Time = time;
        _logger = logger;
        HistoryRetention = historyRetention ?? DefaultHistoryRetention;
    }

    /// <summary>How long each resource's history keeps events for resuming watches.</summary>
    public TimeSpan HistoryRetention { get; }

    /// <summary>The clock used for history retention.</summary>
    public TimeProvider Time { get; }

    /// <summary>Every change up to this revision has been applied to the caches.</summary>
    public long Revision => Volatile.Read(ref _revision);

    /// <summary>Adds the cache for one storage prefix (shared by all versions of a resource); returns the existing one if present.</summary>
    public ResourceCache Register(string storagePrefix, SelectableFieldExtractor fields)
    {
        if (!_caches.TryGetValue(storagePrefix, out var cache))
        {
            cache = new ResourceCache(this, storagePrefix, fields, 0);
            _caches.Add(storagePrefix, cache);
        }
        return cache;
    }

    /// <summary>Loads every object from the datastore and starts following its changes.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var revision = await LoadAsync(cancellationToken).ConfigureAwait(false);
        _pump = Task.Run(() => PumpAsync(revision, _stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Waits until the caches have applied every change up to <paramref name="revision"/>. Returns false
    /// when that takes longer than <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> WaitForRevisionAsync(long revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Revision >= revision)
        {
            return true;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            if (Revision >= revision)
            {
                return true;
            }
            _waiters.Add((revision, done));
        }
        try
        {
            await done.Task.WaitAsync(timeout, Time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            lock (_waitersLock)
            {
                _waiters.Remove((revision, done));
            }
            return Revision >= revision;
        }
    }

    /// <summary>Waits for the caches to reflect everything the datastore has acknowledged (a consistent read).</summary>
    public async Task<bool> WaitUntilCurrentAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var current = await _store.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        return await WaitForRevisionAsync(current, timeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        var revision = await _store.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var cache in _caches.Values)
        {
            cache.Reset(revision);
        }
        string? continueAfter = null;
        var loaded = 0;
        while (true)
        {
            var page = await _store.ListAsync(RegistryPrefix, new ListOptions(revision, 5_000, continueAfter), cancellationToken)
                .ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                if (Route(item.Key) is { } cache)
                {
                    cache.Load(CachedObjects.Create(item.Key, item.Value.Span, item.ModRevision, cache.Fields));
                    loaded++;
                }
            }
            if (!page.More || page.Items.Count == 0)
            {
                break;
            }
            continueAfter = page.Items[^1].Key;
        }
        Advance(revision);
        _logger.LogInformation("Watch cache loaded {Count} objects at revision {Revision}", loaded, revision);
        return revision;
    }

    private async Task PumpAsync(long revision, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in _store.WatchAsync(RegistryPrefix, revision, cancellationToken).ConfigureAwait(false))
                {
                    Dispatch(change);
                    revision = change.Revision;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (StorageException e) when (e.Code is StorageErrorCode.WatcherTooSlow or StorageErrorCode.Compacted)
            {
                _logger.LogWarning("Watch cache lost the datastore watch ({Code}); reloading", e.Code);
                revision = await ReloadAfterFailureAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (e.Code is StorageErrorCode.Unavailable)
            {
                return;
            }
        }
    }

    private async Task<long> ReloadAfterFailureAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await LoadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (e.Code != StorageErrorCode.Unavailable)
            {
                _logger.LogWarning(e, "Watch cache reload failed; retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(200), Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Dispatch(WatchEvent change)
    {
        if (Route(change.Key) is { } cache)
        {
            var (ns, name) = SplitKey(change.Key, cache.StoragePrefix);
            var cached = change.Type == WatchEventType.Created ? null : cache.Get(ns, name);
            var current = change.Type == WatchEventType.Deleted
                ? CachedObjects.Create(change.Key, change.Previous!.Value.Span, change.Revision, cache.Fields, cached)
                : CachedObjects.Create(change.Key, change.Current!.Value.Span, change.Revision, cache.Fields, cached);
            var previous = change.Type == WatchEventType.Updated ? cached : null;
            cache.Apply(new CacheEvent(change.Type, current, previous, change.Revision));
        }
        Advance(change.Revision);
    }

    /// <summary>The namespace ("" when cluster-scoped) and name a key addresses.</summary>
    private static (string Namespace, string Name) SplitKey(string key, string prefix)
    {
        var rest = key.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        return slash < 0 ? ("", rest.ToString()) : (rest[..slash].ToString(), rest[(slash + 1)..].ToString());
    }

    private void Advance(long revision)
    {
        Volatile.Write(ref _revision, revision);
        List<TaskCompletionSource>? ready = null;
        lock (_waitersLock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Revision <= revision)
                {
                    (ready ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        if (ready is not null)
        {
            foreach (var done in ready)
            {
                done.TrySetResult();
            }
        }
    }

    private ResourceCache? Route(string key)
    {
        // Keys are /registry/<resource>/... or /registry/<group>/<resource>/... (and services/specs etc.):
        // try the one-segment and two-segment prefixes.
        var first = key.IndexOf('/', RegistryPrefix.Length);
        if (first < 0)
        {
            return null;
        }
        if (_caches.TryGetValue(key[..(first + 1)], out var cache))
        {
            return cache;
        }
        var second = key.IndexOf('/', first + 1);
        return second >= 0 && _caches.TryGetValue(key[..(second + 1)], out cache) ? cache : null;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
    }
}
