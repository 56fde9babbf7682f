namespace SharpKube.Client.WorkQueues;

/// <summary>
/// An overall token bucket shared by all keys: <c>burst</c> retries at once, then <c>qps</c> per second. Each
/// call reserves a token, so a burst of retries is spread out instead of refused.
/// </summary>
/// <typeparam name="TKey">The queue's key type.</typeparam>
public sealed class BucketRateLimiter<TKey> : IRateLimiter<TKey>
{
    private readonly Lock _lock = new();
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;

    /// <summary>A full bucket of <paramref name="burst"/> tokens refilled at <paramref name="qps"/> per second.</summary>
    public BucketRateLimiter(double qps, int burst, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _time = time ?? TimeProvider.System;
        _bucket = new TokenBucket(qps, burst, _time.GetUtcNow());
    }

    /// <inheritdoc/>
    public TimeSpan When(TKey key)
    {
        lock (_lock)
        {
            return _bucket.Reserve(_time.GetUtcNow());
        }
    }

    /// <inheritdoc/>
    public void Forget(TKey key)
    {
    }

    /// <inheritdoc/>
    public int NumRequeues(TKey key) => 0;
}
