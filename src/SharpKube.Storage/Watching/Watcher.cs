using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace SharpKube.Storage.Watching;

/// <summary>
/// One live watch registered with a <see cref="WatchBroadcaster"/>: a buffer of the event batches published
/// after it registered, filtered to its prefix.
/// </summary>
/// <remarks>
/// Writers never wait for a watcher: when more than the allowed number of events are waiting to be read, the
/// watcher is failed with <see cref="StorageErrorCode.WatcherTooSlow"/> and dropped.
/// </remarks>
internal sealed class Watcher : IDisposable
{
    private readonly Channel<WatchEvent[]> _batches =
        Channel.CreateUnbounded<WatchEvent[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly WatchBroadcaster _owner;
    private readonly int _maxPendingEvents;
    private long _pendingEvents;
    private long _lastOfferedRevision;

    internal Watcher(WatchBroadcaster owner, string prefix, long startRevision, int maxPendingEvents)
    {
        _owner = owner;
        Prefix = prefix;
        StartRevision = startRevision;
        _maxPendingEvents = maxPendingEvents;
        _lastOfferedRevision = startRevision;
    }

    /// <summary>The prefix the watcher sees.</summary>
    public string Prefix { get; }

    /// <summary>The revision published when the watcher registered: it receives every event after it.</summary>
    public long StartRevision { get; }

    /// <summary>Offers a published batch (called by the single publisher, in revision order).</summary>
    internal void Offer(WatchEvent[] batch)
    {
        var mine = Filter(batch);
        if (mine.Length == 0)
        {
            return;
        }

        _lastOfferedRevision = mine[^1].Revision;
        if (Interlocked.Add(ref _pendingEvents, mine.Length) > _maxPendingEvents)
        {
            Fail(new StorageException(StorageErrorCode.WatcherTooSlow,
                $"watch on \"{Prefix}\" fell more than {_maxPendingEvents} events behind at revision {_lastOfferedRevision}; " +
                "resume from the last revision received")
            { Revision = _lastOfferedRevision });
            return;
        }

        _batches.Writer.TryWrite(mine);
    }

    /// <summary>Ends the watch with an error the reader sees after the events already buffered.</summary>
    internal void Fail(Exception error)
    {
        if (_batches.Writer.TryComplete(error))
        {
            _owner.Unregister(this);
        }
    }

    /// <summary>The live events, in revision order, until cancelled or failed.</summary>
    public async IAsyncEnumerable<WatchEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _batches.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var batch))
            {
                foreach (var e in batch)
                {
                    yield return e;
                }

                Interlocked.Add(ref _pendingEvents, -batch.Length);
            }
        }
    }

    /// <summary>Unregisters the watcher.</summary>
    public void Dispose()
    {
        _batches.Writer.TryComplete();
        _owner.Unregister(this);
    }

    private WatchEvent[] Filter(WatchEvent[] batch)
    {
        if (Prefix.Length == 0)
        {
            return batch;
        }

        var matching = 0;
        foreach (var e in batch)
        {
            if (KeyRange.HasPrefix(e.Key, Prefix))
            {
                matching++;
            }
        }

        if (matching == batch.Length)
        {
            return batch;
        }

        if (matching == 0)
        {
            return [];
        }

        var result = new WatchEvent[matching];
        var n = 0;
        foreach (var e in batch)
        {
            if (KeyRange.HasPrefix(e.Key, Prefix))
            {
                result[n++] = e;
            }
        }

        return result;
    }
}
