namespace SharpKube.Client.WorkQueues;

/// <summary>Per-key exponential backoff: <c>baseDelay · 2^failures</c>, capped at <c>maxDelay</c>.</summary>
/// <typeparam name="TKey">The queue's key type.</typeparam>
public sealed class ItemExponentialFailureRateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, int> _failures = [];

    /// <inheritdoc/>
    public TimeSpan When(TKey key)
    {
        int exponent;
        lock (_lock)
        {
            exponent = _failures.GetValueOrDefault(key);
            _failures[key] = exponent + 1;
        }
        // Compare in milliseconds before converting: 2^exponent soon exceeds what a TimeSpan holds.
        var delay = baseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return delay >= maxDelay.TotalMilliseconds ? maxDelay : TimeSpan.FromMilliseconds(delay);
    }

    /// <inheritdoc/>
    public void Forget(TKey key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    /// <inheritdoc/>
    public int NumRequeues(TKey key)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(key);
        }
    }
}
