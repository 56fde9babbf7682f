using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.SchedulingGates;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.SchedulingGates;

public sealed class SchedulingGatesPluginTests
{
    [Fact]
    public void PreEnqueue_KeepsAGatedPodOut_NamingItsGates_AsUpstream()
    {
        var status = new SchedulingGatesPlugin().PreEnqueue(Make.Info(Make.Pod("p", gates: ["a.io/one", "b.io/two"])));

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("waiting for scheduling gates: [a.io/one b.io/two]", status.Message);
        Assert.Equal("SchedulingGates", status.Plugin);
    }

    [Fact]
    public void PreEnqueue_LetsAPodWithoutGatesIn()
    {
        Assert.True(new SchedulingGatesPlugin().PreEnqueue(Make.Info(Make.Pod("p"))).IsSuccess);
    }
}
