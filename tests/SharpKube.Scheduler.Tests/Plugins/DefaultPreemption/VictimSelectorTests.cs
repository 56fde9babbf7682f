using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.DefaultPreemption;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.DefaultPreemption;

public sealed class VictimSelectorTests
{
    [Fact]
    public void Select_ReprievesTheMostImportantPodsFirst_AndEvictsOnlyWhatIsNeeded()
    {
        var node = Make.NodeInfo(Make.Node("n1", cpu: "4"),
            PreemptionSetup.Pod("p1", 1, "1", "n1"), PreemptionSetup.Pod("p2", 2, "1", "n1"), PreemptionSetup.Pod("p3", 3, "2", "n1"));
        var (setup, state, preemptor) = Prepare(node, PreemptionSetup.Pod("high", 10, "2"));

        var status = VictimSelector.Select(setup.Framework, state, preemptor, node.Clone(), [], out var victims, out var violations);

        Assert.True(status.IsSuccess, status.ToString());
        Assert.Equal(["p2", "p1"], victims.Select(v => v.Name));
        Assert.Equal(0, violations);
    }

    [Fact]
    public void Select_LeavesTheOriginalNodeAlone()
    {
        var node = Make.NodeInfo(Make.Node("n1", cpu: "2"), PreemptionSetup.Pod("low", 0, "2", "n1"));
        var (setup, state, preemptor) = Prepare(node, PreemptionSetup.Pod("high", 10, "2"));

        VictimSelector.Select(setup.Framework, state, preemptor, node.Clone(), [], out _, out _);

        Assert.Single(node.Pods);
        Assert.Equal(2000, node.Requested.MilliCpu);
    }

    [Fact]
    public void Select_ReprievesPodsProtectedByADisruptionBudgetBeforeOthers_AndCountsTheViolations()
    {
        var protectedPod = PreemptionSetup.Pod("protected", 1, "1", "n1");
        protectedPod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "db" };
        var node = Make.NodeInfo(Make.Node("n1", cpu: "2"), protectedPod, PreemptionSetup.Pod("other", 5, "1", "n1"));
        var (setup, state, preemptor) = Prepare(node, PreemptionSetup.Pod("high", 10, "1"));
        var budget = new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "default" },
            Spec = new V1PodDisruptionBudgetSpec { Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } } },
            Status = new V1PodDisruptionBudgetStatus { DisruptionsAllowed = 0 },
        };

        var status = VictimSelector.Select(setup.Framework, state, preemptor, node.Clone(), [budget], out var victims, out var violations);

        Assert.True(status.IsSuccess);
        // The protected pod, though of lower priority, is put back first; the other one makes room.
        Assert.Equal(["other"], victims.Select(v => v.Name));
        Assert.Equal(0, violations);
    }

    private static (PreemptionSetup Setup, CycleState State, PodInfo Preemptor) Prepare(NodeInfo node, V1Pod pod)
    {
        var setup = new PreemptionSetup(node);
        var preemptor = Make.Info(pod);
        var state = new CycleState();
        setup.Framework.RunPreFilterPlugins(state, preemptor, setup.Snapshot.NodeInfos);
        return (setup, state, preemptor);
    }
}
