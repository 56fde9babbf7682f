using Microsoft.Extensions.Logging;

namespace SharpKube.Storage.Expiry;

/// <summary>
/// Deletes keys whose TTL has run out, through the store's ordinary compare-and-swap delete so watchers see a
/// delete event and a key rewritten meanwhile (with a new TTL) survives.
/// </summary>
internal sealed class TtlSweeper : IAsyncDisposable
{
    private const int ConcurrentDeletes = 64;
    private readonly IKeyValueStore _store;
    private readonly Func<DateTimeOffset, CancellationToken, IReadOnlyList<ExpiringKey>> _dueKeys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public TtlSweeper(
        IKeyValueStore store,
        Func<DateTimeOffset, CancellationToken, IReadOnlyList<ExpiringKey>> dueKeys,
        TimeProvider time,
        TimeSpan interval,
        ILogger logger)
    {
        _store = store;
        _dueKeys = dueKeys;
        _time = time;
        _interval = interval;
        _logger = logger;
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Deletes every key due now; returns how many were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var due = _dueKeys(_time.GetUtcNow(), cancellationToken);
        var deleted = 0;
        for (var i = 0; i < due.Count; i += ConcurrentDeletes)
        {
            var chunk = due.Skip(i).Take(ConcurrentDeletes).Select(k => DeleteOneAsync(k, cancellationToken));
            deleted += (await Task.WhenAll(chunk)).Count(ok => ok);
        }

        return deleted;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await SweepAsync(cancellationToken);
                }
                catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
                {
                    _logger.LogWarning(e, "TTL sweep skipped: the store is unavailable");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> DeleteOneAsync(ExpiringKey key, CancellationToken cancellationToken)
    {
        try
        {
            await _store.DeleteAsync(key.Key, key.ModRevision, cancellationToken);
            return true;
        }
        catch (StorageException e) when (e.Code is StorageErrorCode.NotFound or StorageErrorCode.Conflict)
        {
            // Deleted or rewritten since it was found: nothing to expire.
            return false;
        }
    }
}
