using SharpKube.Client.WorkQueues;

namespace SharpKube.Client.Tests.WorkQueues;

public sealed class WorkQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_OfAKeyAlreadyWaiting_Coalesces()
    {
        using var queue = new RateLimitingQueue<string>();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal(("a", false), await queue.GetAsync(Ct));
        Assert.Equal(("b", false), await queue.GetAsync(Ct));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_WhileTheKeyIsProcessed_IsHandedOutAgainOnlyAfterDone()
    {
        using var queue = new RateLimitingQueue<string>();
        queue.Add("a");
        var (key, _) = await queue.GetAsync(Ct);

        queue.Add("a");
        queue.Add("a");
        var second = queue.GetAsync(Ct);

        Assert.Equal(0, queue.Count);
        Assert.False(second.IsCompleted, "a key being processed must not go to a second worker");
        queue.Done(key);
        Assert.Equal(("a", false), await second);
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task ManyWorkers_NeverProcessOneKeyConcurrently_AndProcessEveryKeyAfterItsLastAdd()
    {
        using var queue = new RateLimitingQueue<int>();
        const int keys = 16;
        var inFlight = new int[keys];
        var addedVersion = new int[keys];
        var processedVersion = new int[keys];
        var overlaps = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (key, shuttingDown) = await queue.GetAsync(stop.Token);
                if (shuttingDown)
                {
                    return;
                }
                if (Interlocked.Increment(ref inFlight[key]) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }
                var seen = Volatile.Read(ref addedVersion[key]);
                await Task.Yield();
                Volatile.Write(ref processedVersion[key], Math.Max(Volatile.Read(ref processedVersion[key]), seen));
                Interlocked.Decrement(ref inFlight[key]);
                queue.Done(key);
            }
        }, Ct)).ToArray();

        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                var key = (i * 7 + p) % keys;
                Interlocked.Increment(ref addedVersion[key]);
                queue.Add(key);
                if (i % 50 == 0)
                {
                    await Task.Yield();
                }
            }
        }, Ct)).ToArray();
        await Task.WhenAll(producers);
        await queue.ShutDownWithDrainAsync(Ct);
        await Task.WhenAll(workers);

        Assert.Equal(0, overlaps);
        for (var key = 0; key < keys; key++)
        {
            Assert.Equal(addedVersion[key], processedVersion[key]);
        }
    }

    [Fact]
    public async Task ShutDown_IgnoresNewKeys_LetsWorkersDrainTheQueue_ThenReportsShuttingDown()
    {
        using var queue = new RateLimitingQueue<string>();
        using var idle = new RateLimitingQueue<string>();
        var waiting = idle.GetAsync(Ct);
        queue.Add("a");
        queue.Add("b");

        queue.ShutDown();
        idle.ShutDown();
        queue.Add("c");

        Assert.True((await waiting).ShuttingDown);
        Assert.Equal(("a", false), await queue.GetAsync(Ct));
        Assert.Equal(("b", false), await queue.GetAsync(Ct));
        Assert.True((await queue.GetAsync(Ct)).ShuttingDown);
    }

    [Fact]
    public async Task ShutDownWithDrain_WaitsForTheKeysBeingProcessed()
    {
        using var queue = new RateLimitingQueue<string>();
        queue.Add("a");
        var (key, _) = await queue.GetAsync(Ct);

        var drained = queue.ShutDownWithDrainAsync(Ct);

        Assert.False(drained.IsCompleted);
        queue.Done(key);
        await drained.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }
}
