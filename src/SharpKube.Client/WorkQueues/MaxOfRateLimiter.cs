namespace SharpKube.Client.WorkQueues;

/// <summary>Combines limiters: the longest of their delays; every one of them counts the attempt.</summary>
/// <typeparam name="TKey">The queue's key type.</typeparam>
public sealed class MaxOfRateLimiter<TKey>(params IRateLimiter<TKey>[] limiters) : IRateLimiter<TKey>
{
    /// <inheritdoc/>
    public TimeSpan When(TKey key)
    {
        var longest = TimeSpan.Zero;
        foreach (var limiter in limiters)
        {
            var delay = limiter.When(key);
            if (delay > longest)
            {
                longest = delay;
            }
        }
        return longest;
    }

    /// <inheritdoc/>
    public void Forget(TKey key)
    {
        foreach (var limiter in limiters)
        {
            limiter.Forget(key);
        }
    }

    /// <inheritdoc/>
    public int NumRequeues(TKey key) => limiters.Length == 0 ? 0 : limiters.Max(l => l.NumRequeues(key));
}
