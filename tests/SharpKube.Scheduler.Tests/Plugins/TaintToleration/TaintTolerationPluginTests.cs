using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.TaintToleration;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.TaintToleration;

public sealed class TaintTolerationPluginTests
{
    private readonly TaintTolerationPlugin _plugin = new();

    private Status Filter(IList<V1Taint> taints, params V1Toleration[] tolerations) =>
        _plugin.Filter(new CycleState(), Make.Info(Make.Pod("p", tolerations: tolerations)), Make.NodeInfo(Make.Node("n", taints: taints)));

    [Fact]
    public void Filter_RejectsANoScheduleOrNoExecuteTaintThePodDoesNotTolerate_WithUpstreamsReason()
    {
        var status = Filter([Make.Taint("dedicated", "gpu", "NoSchedule")]);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("node(s) had untolerated taint {dedicated: gpu}", status.Message);

        Assert.Equal("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }",
            Filter([Make.Taint("node-role.kubernetes.io/control-plane", null, "NoExecute")]).Message);
        Assert.True(Filter([Make.Taint("soft", "x", "PreferNoSchedule")]).IsSuccess);
    }

    [Theory]
    [InlineData("dedicated", "gpu", "NoSchedule", null, true)]
    [InlineData("dedicated", "cpu", "NoSchedule", null, false)]
    [InlineData("dedicated", null, null, "Exists", true)]
    [InlineData("dedicated", "gpu", "NoExecute", null, false)]
    [InlineData(null, null, null, "Exists", true)]
    [InlineData("other", null, null, "Exists", false)]
    public void Filter_MatchesTolerationsAsUpstream(string? key, string? value, string? effect, string? op, bool fits)
    {
        Assert.Equal(fits, Filter([Make.Taint("dedicated", "gpu", "NoSchedule")], Make.Toleration(key, value, effect, op)).IsSuccess);
    }

    [Fact]
    public void Score_PrefersNodesWithFewerUntoleratedPreferNoScheduleTaints_NormalizedAndReversed()
    {
        var pod = Make.Info(Make.Pod("p", tolerations: [Make.Toleration("tolerated", "x", "PreferNoSchedule")]));
        var nodes = new[]
        {
            Make.NodeInfo(Make.Node("clean")),
            Make.NodeInfo(Make.Node("one", taints: [Make.Taint("a", "x", "PreferNoSchedule"), Make.Taint("tolerated", "x", "PreferNoSchedule")])),
            Make.NodeInfo(Make.Node("two", taints: [Make.Taint("a", "x", "PreferNoSchedule"), Make.Taint("b", "x", "PreferNoSchedule")])),
        };
        var state = new CycleState();
        Assert.True(_plugin.PreScore(state, pod, nodes).IsSuccess);

        var scores = nodes.Select(n =>
        {
            Assert.True(_plugin.Score(state, pod, n, out var score).IsSuccess);
            return new NodeScore(n, score);
        }).ToArray();
        Assert.Equal([0, 1, 2], scores.Select(s => s.Score));
        _plugin.NormalizeScore(state, pod, scores);

        Assert.Equal([100, 50, 0], scores.Select(s => s.Score));
    }
}
