namespace SharpKube.Client.WorkQueues;

/// <summary>
/// Keys waiting for their time to enter a <see cref="WorkQueue{TKey}"/>: a key waits once, at its earliest ready
/// time; one timer, armed for the earliest key, moves the due keys into the queue.
/// </summary>
internal sealed class WaitingList<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<TKey, DateTimeOffset> _byReadyTime = new();
    private readonly Dictionary<TKey, DateTimeOffset> _readyAt = [];
    private readonly WorkQueue<TKey> _queue;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private bool _stopped;

    public WaitingList(WorkQueue<TKey> queue, TimeProvider time)
    {
        _queue = queue;
        _time = time;
        _timer = time.CreateTimer(_ => MoveDueKeys(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Adds the key to the queue after <paramref name="delay"/>, unless it already waits for an earlier time.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }
            var ready = _time.GetUtcNow() + delay;
            if (_readyAt.TryGetValue(key, out var existing) && existing <= ready)
            {
                return;
            }
            // A superseded entry stays in the priority queue and is skipped when it comes up.
            _readyAt[key] = ready;
            _byReadyTime.Enqueue(key, ready);
            Arm();
        }
    }

    /// <summary>Drops every waiting key and stops the timer.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _stopped = true;
            _readyAt.Clear();
            _byReadyTime.Clear();
        }
        _timer.Dispose();
    }

    private void MoveDueKeys()
    {
        var due = new List<TKey>();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            while (_byReadyTime.TryPeek(out var key, out var ready) && ready <= now)
            {
                _byReadyTime.Dequeue();
                if (_readyAt.TryGetValue(key, out var current) && current == ready)
                {
                    _readyAt.Remove(key);
                    due.Add(key);
                }
            }
            Arm();
        }
        foreach (var key in due)
        {
            _queue.Add(key);
        }
    }

    private void Arm()
    {
        if (_stopped)
        {
            return;
        }
        var wait = _byReadyTime.TryPeek(out _, out var next)
            ? Max(next - _time.GetUtcNow(), TimeSpan.Zero)
            : Timeout.InfiniteTimeSpan;
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
