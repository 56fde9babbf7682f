using System.Threading.Channels;
using SharpKube.Storage;

namespace SharpKube.ApiServer.WatchCache;

/// <summary>
/// One WATCH request's subscription to a <see cref="ResourceCache"/>: the events it still has to send,
/// already translated for its filter (an object that stops matching is seen as DELETED, one that starts
/// matching as ADDED). A watcher that falls too far behind is closed, and the client watches again.
/// </summary>
public sealed class CacheWatcher : IDisposable
{
    private readonly Channel<WatchNotification> _channel;
    private readonly Action<CacheWatcher> _unregister;
    private int _disposed;

    internal CacheWatcher(ObjectFilter filter, int capacity, Action<CacheWatcher> unregister)
    {
        Filter = filter;
        _unregister = unregister;
        _channel = Channel.CreateBounded<WatchNotification>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The objects this watcher wants.</summary>
    public ObjectFilter Filter { get; }

    /// <summary>True when the watcher was closed because it could not keep up.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The notifications to send, in order; completes when the watcher is closed.</summary>
    public ChannelReader<WatchNotification> Notifications => _channel.Reader;

    /// <summary>Queues notifications that exist before live events (initial ADDED events, replayed history).</summary>
    internal void Prefill(IEnumerable<WatchNotification> notifications, IEnumerable<CacheEvent> history)
    {
        foreach (var notification in notifications)
        {
            Offer(notification);
        }
        foreach (var cacheEvent in history)
        {
            Deliver(cacheEvent);
        }
    }

    /// <summary>Translates and queues one live event. Closes the watcher when its queue is full.</summary>
    internal void Deliver(CacheEvent cacheEvent)
    {
        var current = cacheEvent.Object;
        switch (cacheEvent.Type)
        {
            case WatchEventType.Created:
                if (Filter.Matches(current))
                {
                    Offer(new WatchNotification(WatchNotificationType.Added, current));
                }
                break;
            case WatchEventType.Updated:
                var matchesNow = Filter.Matches(current);
                var matchedBefore = cacheEvent.Previous is { } previous && Filter.Matches(previous);
                if (matchesNow)
                {
                    Offer(new WatchNotification(matchedBefore ? WatchNotificationType.Modified : WatchNotificationType.Added, current));
                }
                else if (matchedBefore)
                {
                    Offer(new WatchNotification(WatchNotificationType.Deleted,
                        CachedObjects.WithResourceVersion(cacheEvent.Previous!, cacheEvent.Revision)));
                }
                break;
            case WatchEventType.Deleted:
                if (Filter.Matches(current))
                {
                    Offer(new WatchNotification(WatchNotificationType.Deleted, current));
                }
                break;
        }
    }

    private void Offer(WatchNotification notification)
    {
        if (!_channel.Writer.TryWrite(notification) && !Overflowed)
        {
            Overflowed = true;
            _channel.Writer.TryComplete();
        }
    }

    /// <summary>Closes the watcher and removes it from its cache.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _unregister(this);
        }
    }

    /// <summary>Ends the stream without unregistering (the cache is being reset).</summary>
    internal void Close() => _channel.Writer.TryComplete();
}
