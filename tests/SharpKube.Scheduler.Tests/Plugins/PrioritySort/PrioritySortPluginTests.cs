using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.PrioritySort;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.PrioritySort;

public sealed class PrioritySortPluginTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Less_PutsHigherPriorityFirst_AndAmongEqualsTheEarlierQueued()
    {
        var plugin = new PrioritySortPlugin();
        var high = new QueuedPodInfo(Make.Info(Make.Pod("high", priority: 10)), T0.AddSeconds(5));
        var early = new QueuedPodInfo(Make.Info(Make.Pod("early")), T0);
        var late = new QueuedPodInfo(Make.Info(Make.Pod("late")), T0.AddSeconds(1));

        Assert.True(plugin.Less(high, early));
        Assert.False(plugin.Less(early, high));
        Assert.True(plugin.Less(early, late));
        Assert.False(plugin.Less(late, early));
    }
}
