using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Tests.Fixtures;
using SharpKube.Scheduler.Tests.Plugins.DefaultPreemption;

namespace SharpKube.Scheduler.Tests.Framework;

public sealed class NominatedPodsFilterTests
{
    [Fact]
    public void Filter_CountsNominatedPodsOfAtLeastThePodsPriority()
    {
        var node = Make.NodeInfo(Make.Node("n1", cpu: "2"));
        var setup = new PreemptionSetup(node);
        setup.Nominator.AddNominatedPod(Make.Info(PreemptionSetup.Pod("nominated", 100, "2")), "n1");

        var lower = Run(setup, node, PreemptionSetup.Pod("lower", 50, "1"));
        var equal = Run(setup, node, PreemptionSetup.Pod("equal", 100, "1"));
        var higher = Run(setup, node, PreemptionSetup.Pod("higher", 200, "1"));

        Assert.Equal(["Insufficient cpu"], lower.Reasons);
        Assert.Equal(["Insufficient cpu"], equal.Reasons);
        Assert.True(higher.IsSuccess);
        Assert.Empty(node.Pods);
    }

    [Fact]
    public void Filter_IgnoresThePodsOwnNomination()
    {
        var node = Make.NodeInfo(Make.Node("n1", cpu: "2"));
        var setup = new PreemptionSetup(node);
        var pod = Make.Info(PreemptionSetup.Pod("p", 100, "2"));
        setup.Nominator.AddNominatedPod(pod, "n1");

        var state = new CycleState();
        setup.Framework.RunPreFilterPlugins(state, pod, setup.Snapshot.NodeInfos);

        Assert.True(setup.Framework.RunFilterPluginsWithNominatedPods(state, pod, node).IsSuccess);
    }

    private static Status Run(PreemptionSetup setup, NodeInfo node, k8s.Models.V1Pod pod)
    {
        var info = Make.Info(pod);
        var state = new CycleState();
        setup.Framework.RunPreFilterPlugins(state, info, setup.Snapshot.NodeInfos);
        return setup.Framework.RunFilterPluginsWithNominatedPods(state, info, node);
    }
}
