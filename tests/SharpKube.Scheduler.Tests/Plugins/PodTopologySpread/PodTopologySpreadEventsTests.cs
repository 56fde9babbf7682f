using SharpKube.Scheduler.Framework;
using static SharpKube.Scheduler.Tests.Plugins.PodTopologySpread.Spread;

namespace SharpKube.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadEventsTests
{
    [Theory]
    [InlineData(EventResource.Pod, ActionType.Add, true)]
    [InlineData(EventResource.Pod, ActionType.Delete, true)]
    [InlineData(EventResource.Pod, ActionType.UpdatePodLabel, true)]
    [InlineData(EventResource.Pod, ActionType.UpdatePodScaleDown, false)]
    [InlineData(EventResource.Node, ActionType.Add, true)]
    [InlineData(EventResource.Node, ActionType.Delete, true)]
    [InlineData(EventResource.Node, ActionType.UpdateNodeLabel, true)]
    [InlineData(EventResource.Node, ActionType.UpdateNodeTaint, true)]
    [InlineData(EventResource.Node, ActionType.UpdateNodeAllocatable, false)]
    public void RejectedPods_AreRetriedOnEventsThatChangeCountsOrDomains(EventResource resource, ActionType action, bool retried)
    {
        var events = Plugin([]).EventsToRegister();
        Assert.Equal(retried, events.Any(new ClusterEvent(resource, action).Matches));
    }
}
