using Microsoft.Extensions.Time.Testing;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Queue;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Queue;

public sealed class SchedulingQueueTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SchedulingQueue _queue;

    public SchedulingQueueTests()
    {
        var framework = Make.DefaultFramework(new Snapshot());
        _queue = new SchedulingQueue(framework.QueueSort, _ => framework, framework.EventsByPlugin, new SchedulingQueueOptions(), _time);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _queue.Dispose();

    private async Task<QueuedPodInfo> PopAsync() => (await _queue.PopAsync(Ct))!;

    /// <summary>Pops a pod and fails it as rejected by <paramref name="plugins"/> (none: an error).</summary>
    private async Task<QueuedPodInfo> FailAsync(params string[] plugins)
    {
        var pod = await PopAsync();
        pod.UnschedulablePlugins = plugins.ToHashSet();
        _queue.AddUnschedulableIfNotPresent(pod);
        return pod;
    }

    [Fact]
    public async Task Pop_TakesHigherPriorityFirst_ThenTheEarlierQueued()
    {
        _queue.Add(Make.Info(Make.Pod("low-early", priority: 1)));
        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.Add(Make.Info(Make.Pod("high", priority: 100)));
        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.Add(Make.Info(Make.Pod("low-late", priority: 1)));

        Assert.Equal("high", (await PopAsync()).PodInfo.Name);
        Assert.Equal("low-early", (await PopAsync()).PodInfo.Name);
        Assert.Equal("low-late", (await PopAsync()).PodInfo.Name);
    }

    [Fact]
    public async Task Pop_WaitsForAPod_AndCountsAttempts()
    {
        var popping = _queue.PopAsync(Ct).AsTask();
        Assert.False(popping.IsCompleted);

        _queue.Add(Make.Info(Make.Pod("late")));

        var pod = await popping;
        Assert.Equal("late", pod!.PodInfo.Name);
        Assert.Equal(1, pod.Attempts);
        Assert.Equal(_time.GetUtcNow(), pod.InitialAttemptTimestamp);
    }

    [Fact]
    public async Task ARejectedPod_WaitsInTheUnschedulablePool_UntilAnEventItsRejectorRegistered()
    {
        _queue.Add(Make.Info(Make.Pod("big", cpu: "64")));
        await FailAsync("NodeResourcesFit");
        Assert.Equal(new PendingPods(0, 0, 1, 0), _queue.Pending);

        // Nobody rejected it for a reason a new bound pod or a label change could fix.
        _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.AssignedPodAdd);
        _queue.MoveAllToActiveOrBackoffQueue(new ClusterEvent(EventResource.Node, ActionType.UpdateNodeLabel));
        Assert.Equal(new PendingPods(0, 0, 1, 0), _queue.Pending);

        // A new node could have room: it is retried, after its backoff.
        _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.NodeAdd);
        Assert.Equal(new PendingPods(0, 1, 0, 0), _queue.Pending);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new PendingPods(1, 0, 0, 0), _queue.Pending);
    }

    [Fact]
    public async Task AnEventAfterTheBackoffEnded_MovesThePodStraightToTheActiveQueue()
    {
        _queue.Add(Make.Info(Make.Pod("big", cpu: "64")));
        await FailAsync("NodeResourcesFit");
        _time.Advance(TimeSpan.FromSeconds(5));

        _queue.MoveAllToActiveOrBackoffQueue(new ClusterEvent(EventResource.Node, ActionType.UpdateNodeAllocatable));

        Assert.Equal(new PendingPods(1, 0, 0, 0), _queue.Pending);
    }

    [Fact]
    public void Backoff_StartsAtOneSecond_DoublesPerAttempt_AndStopsAtTen()
    {
        Assert.Equal(TimeSpan.Zero, _queue.BackoffDuration(0));
        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(a => _queue.BackoffDuration(a).TotalSeconds));
    }

    [Fact]
    public async Task AnError_SendsThePodToBackoff_ThenBackToActive_WithTheBackoffGrowingPerAttempt()
    {
        _queue.Add(Make.Info(Make.Pod("flaky")));
        await FailAsync();
        Assert.Equal(new PendingPods(0, 1, 0, 0), _queue.Pending);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(new PendingPods(0, 1, 0, 0), _queue.Pending);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(new PendingPods(1, 0, 0, 0), _queue.Pending);

        var second = await FailAsync();
        Assert.Equal(2, second.Attempts);
        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(new PendingPods(0, 1, 0, 0), _queue.Pending);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(new PendingPods(1, 0, 0, 0), _queue.Pending);
    }

    [Fact]
    public async Task AnEventWhileThePodWasInFlight_SendsItToBackoff_NotToWaitForAnother()
    {
        _queue.Add(Make.Info(Make.Pod("big", cpu: "64")));
        var pod = await PopAsync();
        _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.NodeAdd);

        pod.UnschedulablePlugins = new HashSet<string> { "NodeResourcesFit" };
        _queue.AddUnschedulableIfNotPresent(pod);

        Assert.Equal(new PendingPods(0, 1, 0, 0), _queue.Pending);
    }

    [Fact]
    public async Task AnUnrelatedEventWhileInFlight_StillLeavesThePodUnschedulable()
    {
        _queue.Add(Make.Info(Make.Pod("big", cpu: "64")));
        var pod = await PopAsync();
        _queue.MoveAllToActiveOrBackoffQueue(new ClusterEvent(EventResource.Node, ActionType.UpdateNodeTaint));

        pod.UnschedulablePlugins = new HashSet<string> { "NodeResourcesFit" };
        _queue.AddUnschedulableIfNotPresent(pod);

        Assert.Equal(new PendingPods(0, 0, 1, 0), _queue.Pending);
    }

    [Fact]
    public async Task AGatedPod_StaysOut_EvenOnEvents_UntilItsLastGateIsRemoved()
    {
        var gated = Make.Pod("gated", gates: ["example.com/wait", "example.com/also"]);
        _queue.Add(Make.Info(gated));
        Assert.Equal(new PendingPods(0, 0, 0, 1), _queue.Pending);

        _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.NodeAdd);
        _queue.MoveAllToActiveOrBackoffQueue(ClusterEvent.UnschedulableTimeout);
        Assert.Equal(new PendingPods(0, 0, 0, 1), _queue.Pending);

        var oneGate = Make.Pod("gated", gates: ["example.com/also"]);
        oneGate.Metadata.Uid = gated.Metadata.Uid;
        _queue.Update(Make.Info(gated), Make.Info(oneGate));
        Assert.Equal(new PendingPods(0, 0, 0, 1), _queue.Pending);

        var open = Make.Pod("gated");
        open.Metadata.Uid = gated.Metadata.Uid;
        _queue.Update(Make.Info(oneGate), Make.Info(open));
        Assert.Equal(new PendingPods(1, 0, 0, 0), _queue.Pending);
        Assert.Empty((await PopAsync()).PodInfo.SchedulingGates);
    }

    [Fact]
    public async Task UnschedulablePods_AreRetriedAfterFiveMinutes_EvenWithoutAnEvent()
    {
        _queue.Add(Make.Info(Make.Pod("big", cpu: "64")));
        await FailAsync("NodeResourcesFit");

        _time.Advance(TimeSpan.FromMinutes(4));
        _queue.FlushUnschedulableLeftover();
        Assert.Equal(new PendingPods(0, 0, 1, 0), _queue.Pending);

        _time.Advance(TimeSpan.FromMinutes(1));
        _queue.FlushUnschedulableLeftover();
        Assert.Equal(new PendingPods(1, 0, 0, 0), _queue.Pending);
    }

    [Fact]
    public async Task AnUpdatedUnschedulablePod_IsRetried_ButAStatusOnlyUpdateIsNot()
    {
        var pod = Make.Pod("big", cpu: "64");
        _queue.Add(Make.Info(pod));
        await FailAsync("NodeResourcesFit");
        _time.Advance(TimeSpan.FromSeconds(2));

        var statusOnly = Make.Pod("big", cpu: "64");
        statusOnly.Metadata.Uid = pod.Metadata.Uid;
        statusOnly.Metadata.ResourceVersion = "42";
        statusOnly.Status.Message = "changed";
        _queue.Update(Make.Info(pod), Make.Info(statusOnly));
        Assert.Equal(new PendingPods(0, 0, 1, 0), _queue.Pending);

        var smaller = Make.Pod("big", cpu: "1");
        smaller.Metadata.Uid = pod.Metadata.Uid;
        _queue.Update(Make.Info(statusOnly), Make.Info(smaller));
        Assert.Equal(new PendingPods(1, 0, 0, 0), _queue.Pending);
        Assert.Equal(1000, (await PopAsync()).PodInfo.Requests.MilliCpu);
    }

    [Fact]
    public async Task APodDeletedWhileInFlight_IsNotPutBack_AndDeleteEmptiesEveryQueue()
    {
        var inFlight = Make.Pod("in-flight");
        _queue.Add(Make.Info(inFlight));
        var popped = await PopAsync();
        _queue.Delete(Make.Info(inFlight));
        _queue.AddUnschedulableIfNotPresent(popped);
        Assert.Equal(new PendingPods(0, 0, 0, 0), _queue.Pending);

        var waiting = Make.Pod("waiting");
        _queue.Add(Make.Info(waiting));
        _queue.Delete(Make.Info(waiting));
        Assert.Equal(new PendingPods(0, 0, 0, 0), _queue.Pending);
    }

    [Fact]
    public async Task APodCreatedAgainUnderTheNameOfOneInFlight_IsQueued_AndTheOldOneIsNotPutBack()
    {
        var old = Make.Pod("same-name");
        _queue.Add(Make.Info(old));
        var popped = await PopAsync();
        _queue.Delete(Make.Info(old));

        var recreated = Make.Pod("same-name");
        _queue.Add(Make.Info(recreated));
        Assert.Equal(new PendingPods(1, 0, 0, 0), _queue.Pending);

        popped.UnschedulablePlugins = new HashSet<string> { "NodeResourcesFit" };
        _queue.AddUnschedulableIfNotPresent(popped);
        var next = await PopAsync();
        Assert.Equal(recreated.Metadata.Uid, next.PodInfo.Uid);
        Assert.Equal(new PendingPods(0, 0, 0, 0), _queue.Pending);
    }
}
