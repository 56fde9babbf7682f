using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.DefaultPreemption;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.DefaultPreemption;

public sealed class DefaultPreemptionPluginTests
{
    [Fact]
    public async Task PostFilter_NominatesTheNodeWhereALowerPriorityPodCanBeEvicted()
    {
        var setup = new PreemptionSetup(Make.NodeInfo(Make.Node("n1", cpu: "2"), PreemptionSetup.Pod("low", 0, "2", "n1")));

        var status = setup.PostFilter(PreemptionSetup.Pod("high", 100, "2"), out var nominated);

        Assert.True(status.IsSuccess, status.ToString());
        Assert.Equal("n1", nominated);
        // The eviction runs in the background (against an unreachable API here) and ends either way.
        await setup.Plugin.Evictions;
    }

    [Fact]
    public void PostFilter_WithOnlyEqualPriorityPods_FindsNoVictims()
    {
        var setup = new PreemptionSetup(Make.NodeInfo(Make.Node("n1", cpu: "2"), PreemptionSetup.Pod("same", 100, "2", "n1")));

        var status = setup.PostFilter(PreemptionSetup.Pod("high", 100, "2"), out var nominated);

        Assert.Equal(StatusCode.Unschedulable, status.Code);
        Assert.Equal("preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", status.Message);
        Assert.Null(nominated);
    }

    [Fact]
    public void PostFilter_ForAPreemptionPolicyOfNever_IsNotEligible()
    {
        var setup = new PreemptionSetup(Make.NodeInfo(Make.Node("n1", cpu: "2"), PreemptionSetup.Pod("low", 0, "2", "n1")));
        var pod = PreemptionSetup.Pod("polite", 100, "2");
        pod.Spec.PreemptionPolicy = "Never";

        var status = setup.PostFilter(pod, out var nominated);

        Assert.Equal("preemption: not eligible due to preemptionPolicy=Never.", status.Message);
        Assert.Null(nominated);
    }

    [Fact]
    public void PostFilter_SkipsNodesWherePreemptionCannotHelp()
    {
        var tainted = Make.Node("tainted", cpu: "2", taints: [Make.Taint("dedicated", "db", "NoSchedule")]);
        var setup = new PreemptionSetup(
            Make.NodeInfo(tainted, PreemptionSetup.Pod("low", 0, "2", "tainted")),
            Make.NodeInfo(Make.Node("full", cpu: "2"), PreemptionSetup.Pod("same", 100, "2", "full")));

        var status = setup.PostFilter(PreemptionSetup.Pod("high", 100, "2"), out _);

        Assert.Equal("preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
            status.Message);
    }

    [Fact]
    public void PostFilter_WhenRemovingEveryLowerPodIsNotEnough_ReportsTheFilterReason()
    {
        var setup = new PreemptionSetup(Make.NodeInfo(Make.Node("n1", cpu: "2"), PreemptionSetup.Pod("low", 0, "1", "n1"), PreemptionSetup.Pod("same", 100, "1", "n1")));

        var status = setup.PostFilter(PreemptionSetup.Pod("high", 100, "2"), out _);

        Assert.Equal("preemption: 0/1 nodes are available: 1 Insufficient cpu.", status.Message);
    }

    [Fact]
    public void PostFilter_PrefersTheNodeWhoseMostImportantVictimHasTheLowestPriority()
    {
        var setup = new PreemptionSetup(
            Make.NodeInfo(Make.Node("a", cpu: "2"), PreemptionSetup.Pod("a-pod", 50, "2", "a")),
            Make.NodeInfo(Make.Node("b", cpu: "2"), PreemptionSetup.Pod("b-pod", 10, "2", "b")));

        var status = setup.PostFilter(PreemptionSetup.Pod("high", 100, "2"), out var nominated);

        Assert.True(status.IsSuccess);
        Assert.Equal("b", nominated);
    }

    [Fact]
    public void PostFilter_WhileALowerPriorityPodOnTheNominatedNodeTerminatesForPreemption_Waits()
    {
        var victim = PreemptionSetup.Pod("victim", 0, "2", "n1");
        victim.Metadata.DeletionTimestamp = DateTime.UtcNow;
        victim.Status.Conditions = [new() { Type = "DisruptionTarget", Status = "True", Reason = "PreemptionByScheduler" }];
        var setup = new PreemptionSetup(Make.NodeInfo(Make.Node("n1", cpu: "2"), victim));
        var preemptor = Make.Info(PreemptionSetup.Pod("high", 100, "2"));
        setup.Nominator.AddNominatedPod(preemptor, "n1");

        var status = setup.PostFilter(preemptor, out var nominated);

        Assert.Equal("preemption: not eligible due to a terminating pod on the nominated node.", status.Message);
        Assert.Null(nominated);
    }

    [Fact]
    public async Task PostFilter_ClearsTheNominationsOfLowerPriorityPodsOnTheChosenNode()
    {
        var setup = new PreemptionSetup(Make.NodeInfo(Make.Node("n1", cpu: "2"), PreemptionSetup.Pod("low", 0, "2", "n1")));
        var waiting = Make.Info(PreemptionSetup.Pod("waiting", 50, "1"));
        setup.Nominator.AddNominatedPod(waiting, "n1");

        var status = setup.PostFilter(PreemptionSetup.Pod("high", 100, "2"), out var nominated);

        Assert.True(status.IsSuccess, status.ToString());
        Assert.Equal("", setup.Nominator.NominatedNodeName(waiting));
        await setup.Plugin.Evictions;
    }

    [Fact]
    public void PostFilter_WhereNoNodeCanHelp_DropsThePodsOwnNomination()
    {
        var tainted = Make.Node("tainted", cpu: "2", taints: [Make.Taint("dedicated", "db", "NoSchedule")]);
        var setup = new PreemptionSetup(Make.NodeInfo(tainted, PreemptionSetup.Pod("low", 0, "2", "tainted")));
        var pod = Make.Info(PreemptionSetup.Pod("high", 100, "2"));
        setup.Nominator.AddNominatedPod(pod, "tainted");

        var status = setup.PostFilter(pod, out _);

        Assert.Equal("preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", status.Message);
        Assert.Equal("", setup.Nominator.NominatedNodeName(pod));
    }

    [Fact]
    public void Args_DefaultToUpstreams_AndBoundTheCandidates()
    {
        var args = DefaultPreemptionArgs.Parse(null);

        Assert.Equal((10, 100), (args.MinCandidateNodesPercentage, args.MinCandidateNodesAbsolute));
        Assert.Equal(50, args.NumCandidates(50));
        Assert.Equal(100, args.NumCandidates(500));
        Assert.Equal(500, args.NumCandidates(5000));
        Assert.Throws<FormatException>(() => DefaultPreemptionArgs.Parse(new() { ["minCandidateNodesPercentage"] = 101 }));
        Assert.Throws<FormatException>(() => DefaultPreemptionArgs.Parse(new() { ["minCandidateNodesPercentage"] = 0, ["minCandidateNodesAbsolute"] = 0 }));
    }
}
