using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace SharpKube.Client.Informers;

/// <summary>
/// Applies what the reflector observes to the <see cref="Indexer{T}"/> and hands each resulting change to every
/// registered listener. One lock orders cache writes and handler registration, so a handler added late gets an
/// ADD for each cached object and then exactly the changes applied after it.
/// </summary>
internal sealed class InformerStore<T>(ILogger logger)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly List<ProcessorListener<T>> _listeners = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _listed;

    /// <summary>The cache.</summary>
    public Indexer<T> Indexer { get; } = new();

    /// <summary>Completes once the first list was applied.</summary>
    public Task Synced => _synced.Task;

    /// <summary>
    /// Makes the cache equal a fresh list: ADD for new objects, UPDATE for objects whose resourceVersion changed,
    /// DELETE (with the last known state) for cached objects the list no longer has.
    /// </summary>
    public void Replace(IReadOnlyList<T> items)
    {
        lock (_lock)
        {
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var key = MetaNamespaceKey.For(item);
                listed.Add(key);
                var old = Indexer.Upsert(key, item);
                if (old is null)
                {
                    Distribute(new Notification<T>(NotificationKind.Add, null, item));
                }
                else if (old.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
                {
                    Distribute(new Notification<T>(NotificationKind.Update, old, item));
                }
            }
            foreach (var key in Indexer.ListKeys())
            {
                if (!listed.Contains(key) && Indexer.Remove(key) is { } gone)
                {
                    Distribute(new Notification<T>(NotificationKind.Delete, null, gone));
                }
            }
            if (!_listed)
            {
                // Every listener has the first list in its buffer now: behind it, the marker of its sync.
                _listed = true;
                Distribute(new Notification<T>(NotificationKind.Synced, null, null!));
            }
        }
        _synced.TrySetResult();
    }

    /// <summary>Applies one watch event.</summary>
    public void Apply(WatchEventType type, T obj)
    {
        var key = MetaNamespaceKey.For(obj);
        lock (_lock)
        {
            if (type == WatchEventType.Deleted)
            {
                Indexer.Remove(key);
                Distribute(new Notification<T>(NotificationKind.Delete, null, obj));
                return;
            }
            var old = Indexer.Upsert(key, obj);
            Distribute(old is null
                ? new Notification<T>(NotificationKind.Add, null, obj)
                : new Notification<T>(NotificationKind.Update, old, obj));
        }
    }

    /// <summary>Resync: an UPDATE (old and new the same object) for every cached object.</summary>
    public void Resync()
    {
        lock (_lock)
        {
            foreach (var obj in Indexer.List())
            {
                Distribute(new Notification<T>(NotificationKind.Update, obj, obj));
            }
        }
    }

    /// <summary>Registers a handler; it first gets an ADD for every cached object.</summary>
    public ProcessorListener<T> AddListener(ResourceEventHandler<T> handler)
    {
        lock (_lock)
        {
            var listener = new ProcessorListener<T>(handler, logger, RemoveListener);
            foreach (var obj in Indexer.List())
            {
                listener.Enqueue(new Notification<T>(NotificationKind.Add, null, obj));
            }
            if (_listed)
            {
                listener.Enqueue(new Notification<T>(NotificationKind.Synced, null, null!));
            }
            _listeners.Add(listener);
            return listener;
        }
    }

    /// <summary>Stops every listener after it delivered what it has buffered.</summary>
    public Task StopListenersAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_listeners.Select(l => l.StopAsync()));
        }
    }

    private void RemoveListener(ProcessorListener<T> listener)
    {
        lock (_lock)
        {
            _listeners.Remove(listener);
        }
    }

    private void Distribute(Notification<T> notification)
    {
        foreach (var listener in _listeners)
        {
            listener.Enqueue(notification);
        }
    }
}
