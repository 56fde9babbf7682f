using System.Diagnostics;
using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>
/// One watcher of the watch phase: counts the writers' events, checks they arrive once each in revision order, and
/// records each one's delivery lag. A start marker key tells it is live; an end marker, written after the last
/// write, tells it has everything.
/// </summary>
internal sealed class BenchWatcher
{
    private readonly IKeyValueStore _store;
    private readonly string _prefix;
    private readonly RevisionClock _clock;
    private readonly string _startKey;
    private readonly string _endKey;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BenchWatcher(IKeyValueStore store, string prefix, RevisionClock clock, string startKey, string endKey)
    {
        _store = store;
        _prefix = prefix;
        _clock = clock;
        _startKey = startKey;
        _endKey = endKey;
    }

    /// <summary>Completes when the watcher has received the start marker, so it will see every later write.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Delivery lag of each writer event.</summary>
    public LatencyHistogram Lag { get; } = new();

    /// <summary>Writer events received (the markers excluded).</summary>
    public long Events { get; private set; }

    /// <summary>Times the store cut this watcher off as too slow and it resumed.</summary>
    public long Restarts { get; private set; }

    /// <summary>Whether every event had a revision above the one before it (no duplicate, no reordering).</summary>
    public bool InOrder { get; private set; } = true;

    /// <summary>Whether the end marker arrived.</summary>
    public bool SawEnd { get; private set; }

    /// <summary>The error the watch ended with, if any.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Watches from <paramref name="afterRevision"/> until the end marker, resuming after a too-slow cut-off.</summary>
    public async Task RunAsync(long afterRevision, CancellationToken cancellationToken)
    {
        var last = afterRevision;
        try
        {
            while (true)
            {
                try
                {
                    await foreach (var e in _store.WatchAsync(_prefix, last, cancellationToken))
                    {
                        var received = Stopwatch.GetTimestamp();
                        if (e.Revision <= last)
                        {
                            InOrder = false;
                        }

                        last = e.Revision;
                        if (e.Key == _endKey)
                        {
                            SawEnd = true;
                            return;
                        }

                        if (e.Key == _startKey)
                        {
                            _ready.TrySetResult();
                            continue;
                        }

                        Events++;
                        var returned = _clock.ReturnedAt(e.Revision);
                        Lag.Record(returned == 0 ? 0 : received - returned);
                    }

                    throw new InvalidOperationException($"the watch on {_prefix} ended before the last event");
                }
                catch (StorageException e) when (e.Code == StorageErrorCode.WatcherTooSlow)
                {
                    Restarts++;
                }
            }
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            Error = new TimeoutException("the watcher had not received every event when the phase gave up waiting", e);
            _ready.TrySetException(Error);
        }
        catch (Exception e)
        {
            // Reported in the results rather than thrown: one broken watcher must not hide what the others saw.
            Error = e;
            _ready.TrySetException(e);
        }
    }
}
