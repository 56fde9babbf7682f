namespace SharpKube.Client.WorkQueues;

/// <summary>
/// A FIFO of keys with upstream's work-queue guarantees: a key waiting in the queue is there once however often it
/// is added; a key is handed to one worker at a time; a key added while a worker holds it is queued again when that
/// worker calls <see cref="Done"/>. After <see cref="ShutDown"/> adds are ignored and workers drain what is queued.
/// </summary>
/// <typeparam name="TKey">The key type, usually a <c>namespace/name</c> string.</typeparam>
public sealed class WorkQueue<TKey>
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private TaskCompletionSource _changed = NewSignal();
    private bool _shuttingDown;

    /// <summary>How many keys wait to be handed out.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>True once <see cref="ShutDown"/> was called.</summary>
    public bool ShuttingDown
    {
        get
        {
            lock (_lock)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues a key unless it is already waiting; a key being processed is queued again at its <see cref="Done"/>.</summary>
    public void Add(TKey key)
    {
        lock (_lock)
        {
            if (_shuttingDown || !_dirty.Add(key) || _processing.Contains(key))
            {
                return;
            }
            _queue.Enqueue(key);
            Signal();
        }
    }

    /// <summary>
    /// Waits for the next key and marks it as being processed; the caller must call <see cref="Done"/> with it.
    /// Returns <c>ShuttingDown = true</c> (and no key) once the queue is shut down and empty.
    /// </summary>
    public async ValueTask<(TKey Key, bool ShuttingDown)> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_queue.TryDequeue(out var key))
                {
                    _dirty.Remove(key);
                    _processing.Add(key);
                    return (key, false);
                }
                if (_shuttingDown)
                {
                    return (default!, true);
                }
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the processing of a key; if it was added meanwhile, it is queued again.</summary>
    public void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key))
            {
                _queue.Enqueue(key);
            }
            Signal();
        }
    }

    /// <summary>Stops taking keys; workers still get the queued ones, then <c>ShuttingDown</c>.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shuttingDown = true;
            Signal();
        }
    }

    /// <summary>Shuts down and waits until the workers have processed every queued key and called <see cref="Done"/>.</summary>
    public async Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        ShutDown();
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_queue.Count == 0 && _processing.Count == 0)
                {
                    return;
                }
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Every waiter re-checks the state when the signal fires; a new signal is armed for the next change.
    private void Signal()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
