namespace SharpKube.Client.WorkQueues;

/// <summary>
/// An overall token bucket shared by all keys: <c>burst</c> retries at once, then <c>qps</c> per second. Each
/// call reserves a token, so a burst of retries is spread out instead of refused.
/// </summary>
/// <typeparam name="TKey">The queue's key type.</typeparam>
public sealed class BucketRateLimiter<TKey> : IRateLimiter<TKey>
{
    private readonly Lock _lock = new();
    private readonly double _qps;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private DateTimeOffset _last;

    /// <summary>A full bucket of <paramref name="burst"/> tokens refilled at <paramref name="qps"/> per second.</summary>
    public BucketRateLimiter(double qps, int burst, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _qps = qps;
        _burst = burst;
        _tokens = burst;
        _time = time ?? TimeProvider.System;
        _last = _time.GetUtcNow();
    }

    /// <inheritdoc/>
    public TimeSpan When(TKey key)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now > _last)
            {
                _tokens = Math.Min(_burst, _tokens + (now - _last).TotalSeconds * _qps);
                _last = now;
            }
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    /// <inheritdoc/>
    public void Forget(TKey key)
    {
    }

    /// <inheritdoc/>
    public int NumRequeues(TKey key) => 0;
}
