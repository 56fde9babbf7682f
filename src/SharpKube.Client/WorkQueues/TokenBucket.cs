namespace SharpKube.Client.WorkQueues;

/// <summary>
/// A token bucket: holds up to <c>burst</c> tokens, refilled at <c>qps</c> per second. Not thread-safe: its owner
/// locks around it.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _qps;
    private readonly double _burst;
    private double _tokens;
    private DateTimeOffset _last;

    /// <summary>A full bucket at <paramref name="now"/>.</summary>
    public TokenBucket(double qps, double burst, DateTimeOffset now)
    {
        _qps = qps;
        _burst = burst;
        _tokens = burst;
        _last = now;
    }

    /// <summary>Takes a token if one is there.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        Refill(now);
        if (_tokens < 1)
        {
            return false;
        }
        _tokens -= 1;
        return true;
    }

    /// <summary>Takes a token now or in the future (the bucket goes into debt): how long until it is there.</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        Refill(now);
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(_burst, _tokens + (now - _last).TotalSeconds * _qps);
            _last = now;
        }
    }
}
