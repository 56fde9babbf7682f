namespace SharpKube.Client.WorkQueues;

/// <summary>
/// Upstream's default controller rate limiter: per-key exponential backoff from 5 ms to 1000 s, combined (the
/// longer wins) with an overall bucket of 10 retries per second and a burst of 100.
/// </summary>
public static class DefaultControllerRateLimiter
{
    /// <summary>The first per-key delay.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest per-key delay.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1000);

    /// <summary>Overall retries per second.</summary>
    public const double Qps = 10;

    /// <summary>Overall burst.</summary>
    public const int Burst = 100;

    /// <summary>A new limiter with upstream's defaults.</summary>
    public static IRateLimiter<TKey> Create<TKey>(TimeProvider? time = null)
        where TKey : notnull =>
        new MaxOfRateLimiter<TKey>(
            new ItemExponentialFailureRateLimiter<TKey>(BaseDelay, MaxDelay),
            new BucketRateLimiter<TKey>(Qps, Burst, time));
}
