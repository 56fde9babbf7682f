namespace SharpKube.Kubelet.Streaming;

/// <summary>Counts the streaming sessions in progress (an upgraded connection being proxied), so leaks show.</summary>
public sealed class StreamSessions
{
    private int _active;

    /// <summary>Sessions proxying now.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Marks a session begun; disposing the result marks it ended.</summary>
    internal IDisposable Begin()
    {
        Interlocked.Increment(ref _active);
        return new Ending(this);
    }

    private sealed class Ending(StreamSessions sessions) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref sessions._active);
            }
        }
    }
}
