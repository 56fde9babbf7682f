namespace SharpKube.Client.WorkQueues;

/// <summary>Decides how long a key waits before it is retried.</summary>
/// <typeparam name="TKey">The queue's key type.</typeparam>
public interface IRateLimiter<in TKey>
{
    /// <summary>How long to wait before the key's next attempt; counts the attempt.</summary>
    TimeSpan When(TKey key);

    /// <summary>Forgets the key's failures: its next delay starts from scratch.</summary>
    void Forget(TKey key);

    /// <summary>How many times the key has been retried since it was last forgotten.</summary>
    int NumRequeues(TKey key);
}
