namespace SharpKube.Client.WorkQueues;

/// <summary>
/// A controller's work queue: the guarantees of <see cref="WorkQueue{TKey}"/> (coalescing, one worker per key,
/// re-processing of keys added during processing), delayed adds, and rate-limited retries with per-key backoff.
/// A worker loops: <see cref="GetAsync"/>, sync the key, then <see cref="Forget"/> on success or
/// <see cref="AddRateLimited"/> on failure, and always <see cref="Done"/>.
/// </summary>
/// <typeparam name="TKey">The key type, usually a <c>namespace/name</c> string.</typeparam>
public sealed class RateLimitingQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly WorkQueue<TKey> _queue = new();
    private readonly WaitingList<TKey> _waiting;
    private readonly IRateLimiter<TKey> _rateLimiter;

    /// <summary>
    /// A queue retrying with <paramref name="rateLimiter"/> (default: <see cref="DefaultControllerRateLimiter"/>),
    /// timing delays with <paramref name="time"/>.
    /// </summary>
    public RateLimitingQueue(IRateLimiter<TKey>? rateLimiter = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        _rateLimiter = rateLimiter ?? DefaultControllerRateLimiter.Create<TKey>(time);
        _waiting = new WaitingList<TKey>(_queue, time);
    }

    /// <summary>How many keys wait to be handed out (not counting delayed ones).</summary>
    public int Count => _queue.Count;

    /// <summary>True once the queue is shut down.</summary>
    public bool ShuttingDown => _queue.ShuttingDown;

    /// <inheritdoc cref="WorkQueue{TKey}.Add"/>
    public void Add(TKey key) => _queue.Add(key);

    /// <summary>Adds the key once <paramref name="delay"/> has passed (at once when it is not positive).</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (_queue.ShuttingDown)
        {
            return;
        }
        if (delay <= TimeSpan.Zero)
        {
            _queue.Add(key);
            return;
        }
        _waiting.AddAfter(key, delay);
    }

    /// <summary>Adds the key after the rate limiter's delay, counting a retry.</summary>
    public void AddRateLimited(TKey key) => AddAfter(key, _rateLimiter.When(key));

    /// <summary>Resets the key's backoff: call it when the key synced successfully.</summary>
    public void Forget(TKey key) => _rateLimiter.Forget(key);

    /// <summary>How many times the key was retried since it was last forgotten.</summary>
    public int NumRequeues(TKey key) => _rateLimiter.NumRequeues(key);

    /// <inheritdoc cref="WorkQueue{TKey}.GetAsync"/>
    public ValueTask<(TKey Key, bool ShuttingDown)> GetAsync(CancellationToken cancellationToken) => _queue.GetAsync(cancellationToken);

    /// <inheritdoc cref="WorkQueue{TKey}.Done"/>
    public void Done(TKey key) => _queue.Done(key);

    /// <summary>Stops taking keys and drops delayed ones; workers drain the queued keys, then see <c>ShuttingDown</c>.</summary>
    public void ShutDown()
    {
        _waiting.Dispose();
        _queue.ShutDown();
    }

    /// <summary>Shuts down and waits until every queued key was processed and marked done.</summary>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        _waiting.Dispose();
        return _queue.ShutDownWithDrainAsync(cancellationToken);
    }

    /// <summary>Shuts the queue down.</summary>
    public void Dispose() => ShutDown();
}
