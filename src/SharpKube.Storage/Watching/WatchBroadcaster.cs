using System.Runtime.CompilerServices;

namespace SharpKube.Storage.Watching;

/// <summary>
/// Fans committed events out to live watchers, and joins each new watcher's replay of history to the live stream
/// without a gap or a duplicate. Shared by the drivers that implement watches themselves (memory and SQLite).
/// </summary>
/// <remarks>
/// Invariant: <c>Publish</c> is called by one writer at a time, in revision order, only after the events are
/// readable from the store's history. A watcher registered while the published revision is H receives every batch
/// published after H, and replays (after, H] from history.
/// </remarks>
internal sealed class WatchBroadcaster
{
    /// <summary>Reads committed events with after &lt; revision ≤ upTo under a prefix, in revision order.</summary>
    public delegate IAsyncEnumerable<WatchEvent> HistoryReader(string prefix, long after, long upTo, CancellationToken cancellationToken);

    private readonly Lock _lock = new();
    private readonly int _maxPendingEvents;
    private Watcher[] _watchers = [];
    private long _publishedRevision;
    private Exception? _closedWith;

    public WatchBroadcaster(long publishedRevision, int maxPendingEvents)
    {
        _publishedRevision = publishedRevision;
        _maxPendingEvents = maxPendingEvents;
    }

    /// <summary>The revision of the newest published batch.</summary>
    public long PublishedRevision => Volatile.Read(ref _publishedRevision);

    /// <summary>The number of live watchers.</summary>
    public int WatcherCount => Volatile.Read(ref _watchers).Length;

    /// <summary>Delivers one committed batch (events in revision order) to every live watcher.</summary>
    public void Publish(WatchEvent[] batch)
    {
        if (batch.Length == 0)
        {
            return;
        }

        Watcher[] watchers;
        lock (_lock)
        {
            _publishedRevision = batch[^1].Revision;
            watchers = _watchers;
        }

        foreach (var watcher in watchers)
        {
            watcher.Offer(batch);
        }
    }

    /// <summary>Delivers one committed event; allocates nothing when nobody watches.</summary>
    public void Publish(WatchEvent change)
    {
        Watcher[] watchers;
        lock (_lock)
        {
            _publishedRevision = change.Revision;
            watchers = _watchers;
        }

        if (watchers.Length == 0)
        {
            return;
        }

        WatchEvent[] batch = [change];
        foreach (var watcher in watchers)
        {
            watcher.Offer(batch);
        }
    }

    /// <summary>
    /// Streams history after <paramref name="afterRevision"/> followed by live events, in revision order, each once.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        string prefix, long afterRevision, HistoryReader history, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var watcher = Register(prefix);
        if (afterRevision < watcher.StartRevision)
        {
            await foreach (var e in history(prefix, afterRevision, watcher.StartRevision, cancellationToken))
            {
                yield return e;
            }
        }

        await foreach (var e in watcher.ReadAllAsync(cancellationToken))
        {
            // A watch may start after a revision that is not published yet.
            if (e.Revision > afterRevision)
            {
                yield return e;
            }
        }
    }

    /// <summary>Fails every watcher (the store is closing) and refuses new ones.</summary>
    public void Close(Exception error)
    {
        Watcher[] watchers;
        lock (_lock)
        {
            _closedWith = error;
            watchers = _watchers;
        }

        foreach (var watcher in watchers)
        {
            watcher.Fail(error);
        }
    }

    internal void Unregister(Watcher watcher)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_watchers, watcher);
            if (index < 0)
            {
                return;
            }

            var next = new Watcher[_watchers.Length - 1];
            Array.Copy(_watchers, 0, next, 0, index);
            Array.Copy(_watchers, index + 1, next, index, _watchers.Length - index - 1);
            _watchers = next;
        }
    }

    private Watcher Register(string prefix)
    {
        lock (_lock)
        {
            if (_closedWith is not null)
            {
                throw new StorageException(StorageErrorCode.Unavailable, "the store is closed", _closedWith);
            }

            var watcher = new Watcher(this, prefix, _publishedRevision, _maxPendingEvents);
            _watchers = [.. _watchers, watcher];
            return watcher;
        }
    }
}
