using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SharpKube.Kubelet.Pods;
using SharpKube.Kubelet.Tests.Probes;

namespace SharpKube.Kubelet.Tests.Pods;

/// <summary>
/// The pod workers on real threads. Delays run on a fake clock; "not yet" is shown by a later key getting through
/// a single worker first, since the queue is first in, first out.
/// </summary>
public sealed class PodWorkersTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ConcurrentDictionary<string, int> _syncs = new();
    private readonly CancellationTokenSource _stop = new();
    private PodWorkers? _workers;
    private Task? _running;

    [Fact]
    public async Task Enqueue_WhileThePodIsBeingSynced_NeverSyncsItOnTwoWorkersAtOnce()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int inA = 0, maxInA = 0;
        Start(workers: 4, async (uid, _) =>
        {
            if (uid == "a")
            {
                var now = Interlocked.Increment(ref inA);
                InterlockedMax(ref maxInA, now);
                if (Count("a") == 1)
                {
                    await gate.Task;
                }
                Interlocked.Decrement(ref inA);
            }
            return null;
        });

        _workers!.Enqueue("a");
        await Eventually.TrueAsync(() => Count("a") == 1, "pod a is being synced");
        _workers.Enqueue("a");
        _workers.Enqueue("a");
        _workers.Enqueue("b");
        await Eventually.TrueAsync(() => Count("b") == 1, "pod b was synced by another worker");

        Assert.Equal(1, Count("a"));
        gate.SetResult();
        await Eventually.TrueAsync(() => Count("a") == 2, "pod a was synced again after its first sync ended");
        Assert.Equal(1, maxInA);
    }

    [Fact]
    public async Task Sync_ReturningADelay_RunsAgainOnlyAfterIt()
    {
        Start(workers: 1, (uid, _) => Task.FromResult<TimeSpan?>(uid == "a" && Count("a") == 1 ? TimeSpan.FromSeconds(30) : null));

        _workers!.Enqueue("a");
        // Once b went through the single worker, a's sync has returned and its delay is counting.
        await SyncThroughAsync("b");
        _time.Advance(TimeSpan.FromSeconds(29));
        await SyncThroughAsync("c");
        Assert.Equal(1, Count("a"));

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => Count("a") == 2, "pod a was synced again after 30 s");
    }

    [Fact]
    public async Task Sync_Throwing_IsRetriedAfterABackoff()
    {
        Start(workers: 1, (uid, _) => uid == "a" && Count("a") == 1
            ? throw new InvalidOperationException("runtime unavailable")
            : Task.FromResult<TimeSpan?>(null));

        _workers!.Enqueue("a");
        await SyncThroughAsync("b");
        _time.Advance(TimeSpan.FromMilliseconds(499));
        await SyncThroughAsync("c");
        Assert.Equal(1, Count("a"));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => Count("a") == 2, "pod a was retried");
    }

    [Fact]
    public async Task EnqueueAfter_SyncsOnceTheDelayPassed()
    {
        Start(workers: 1, (_, _) => Task.FromResult<TimeSpan?>(null));

        _workers!.EnqueueAfter("a", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4));
        await SyncThroughAsync("b");
        Assert.Equal(0, Count("a"));
        _time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(() => Count("a") == 1, "pod a was synced after 5 s");
    }

    [Fact]
    public async Task RunAsync_WhenCancelled_Returns()
    {
        Start(workers: 3, (_, _) => Task.FromResult<TimeSpan?>(null));

        await _stop.CancelAsync();

        await _running!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        _workers?.Dispose();
        _stop.Dispose();
    }

    private void Start(int workers, Func<string, CancellationToken, Task<TimeSpan?>> sync)
    {
        _workers = new PodWorkers((uid, ct) =>
        {
            _syncs.AddOrUpdate(uid, 1, (_, n) => n + 1);
            return sync(uid, ct);
        }, workers, _time, NullLogger.Instance);
        _running = _workers.RunAsync(_stop.Token);
    }

    /// <summary>Queues <paramref name="uid"/> and waits for its sync: with one worker, everything queued before it went first.</summary>
    private async Task SyncThroughAsync(string uid)
    {
        _workers!.Enqueue(uid);
        await Eventually.TrueAsync(() => Count(uid) == 1, $"pod {uid} was synced");
    }

    private int Count(string uid) => _syncs.GetValueOrDefault(uid);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
