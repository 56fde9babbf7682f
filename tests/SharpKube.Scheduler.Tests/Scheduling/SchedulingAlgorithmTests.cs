using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Scheduling;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Scheduling;

public sealed class SchedulingAlgorithmTests
{
    private readonly SchedulerCache _cache = new();
    private readonly Snapshot _snapshot = new();

    private (SchedulingAlgorithm Algorithm, SchedulingFramework Framework) Create(int? percentage = null, int parallelism = 1, int seed = 1) =>
        (new SchedulingAlgorithm(_cache, _snapshot, new Random(seed)), Make.DefaultFramework(_snapshot, percentage, parallelism));

    [Theory]
    [InlineData(50, 50)]
    [InlineData(100, 100)]
    [InlineData(1000, 420)]
    [InlineData(5000, 500)]
    [InlineData(6000, 300)]
    [InlineData(20000, 1000)]
    public void FeasibleNodesToFind_IsAdaptiveByDefault_AsUpstream(int nodes, int expected)
    {
        Assert.Equal(expected, FeasibleNodes.ToFind(null, nodes));
    }

    [Fact]
    public void FeasibleNodesToFind_HonoursAConfiguredPercentage_ButNeverBelowAHundred()
    {
        Assert.Equal(1000, FeasibleNodes.ToFind(100, 1000));
        Assert.Equal(100, FeasibleNodes.ToFind(5, 1000));
        Assert.Equal(250, FeasibleNodes.ToFind(25, 1000));
    }

    [Fact]
    public void Schedule_PicksTheNodeWithTheMostRoomLeft()
    {
        _cache.AddNode(Make.Node("small", cpu: "2", memory: "4Gi"));
        _cache.AddNode(Make.Node("large", cpu: "8", memory: "16Gi"));
        _cache.AddNode(Make.Node("busy", cpu: "8", memory: "16Gi"));
        _cache.AddPod(Make.Info(Make.Pod("existing", cpu: "6", memory: "12Gi", nodeName: "busy")));
        var (algorithm, framework) = Create();

        var status = algorithm.Schedule(framework, new CycleState(), Make.Info(Make.Pod("p", cpu: "1", memory: "1Gi")), out var result);

        Assert.True(status.IsSuccess, status.ToString());
        Assert.Equal("large", result.SuggestedHost);
        Assert.Equal(3, result.FeasibleNodes);
    }

    [Fact]
    public void Schedule_OfAPodNominatedToANodeItFits_PicksThatNodeWithoutLookingFurther()
    {
        _cache.AddNode(Make.Node("small", cpu: "2", memory: "4Gi"));
        _cache.AddNode(Make.Node("large", cpu: "8", memory: "16Gi"));
        var (algorithm, _) = Create();
        var nominator = new SharpKube.Scheduler.Queue.PodNominator();
        var registry = SharpKube.Scheduler.Plugins.InTreePlugins.CreateRegistry();
        var framework = FrameworkBuilder.Build(DefaultProfile.Create(registry), registry,
            new FrameworkHandle(Make.NowhereClient(), _snapshot, parallelizer: new Parallelizer(1)) { Nominator = nominator });
        var pod = Make.Info(Make.Pod("p", cpu: "1", memory: "1Gi"));
        nominator.AddNominatedPod(pod, "small");

        var status = algorithm.Schedule(framework, new CycleState(), pod, out var result);

        Assert.True(status.IsSuccess, status.ToString());
        Assert.Equal(("small", 1, 1), (result.SuggestedHost, result.EvaluatedNodes, result.FeasibleNodes));
    }

    [Fact]
    public void Schedule_WhenNothingFits_ReturnsUnschedulableWithTheSummary_AndTheRejectingPlugins()
    {
        _cache.AddNode(Make.Node("a", cpu: "1"));
        _cache.AddNode(Make.Node("b", cpu: "1"));
        _cache.AddNode(Make.Node("c", cpu: "1"));
        _cache.AddNode(Make.Node("tainted", cpu: "16", taints: [Make.Taint("dedicated", "gpu", "NoSchedule")]));
        _cache.AddNode(Make.Node("cordoned", cpu: "16", unschedulable: true));
        var (algorithm, framework) = Create();

        var status = algorithm.Schedule(framework, new CycleState(), Make.Info(Make.Pod("p", cpu: "2")), out _);

        Assert.Equal(StatusCode.Unschedulable, status.Code);
        var fitError = Assert.IsType<FitError>(status.Error);
        Assert.Equal("0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 3 Insufficient cpu.",
            status.Message);
        Assert.Equal(["NodeResourcesFit", "NodeUnschedulable", "TaintToleration"], fitError.Diagnosis.UnschedulablePlugins.Order());
    }

    [Fact]
    public void Schedule_WithoutNodes_IsUnresolvable_WithUpstreamsMessage()
    {
        var (algorithm, framework) = Create();

        var status = algorithm.Schedule(framework, new CycleState(), Make.Info(Make.Pod("p")), out _);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("no nodes available to schedule pods", status.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Schedule_LooksAtOnlyThePercentageOfNodes_StartingWhereTheLastCycleStopped(int parallelism)
    {
        for (var i = 0; i < 400; i++)
        {
            _cache.AddNode(Make.Node($"n{i:000}"));
        }
        var (algorithm, framework) = Create(percentage: 25, parallelism: parallelism);

        var first = algorithm.Schedule(framework, new CycleState(), Make.Info(Make.Pod("p")), out var a);
        var second = algorithm.Schedule(framework, new CycleState(), Make.Info(Make.Pod("q")), out var b);

        Assert.True(first.IsSuccess && second.IsSuccess);
        Assert.Equal(100, a.FeasibleNodes);
        Assert.Equal(100, a.EvaluatedNodes);
        var firstHost = int.Parse(a.SuggestedHost[1..], System.Globalization.CultureInfo.InvariantCulture);
        var secondHost = int.Parse(b.SuggestedHost[1..], System.Globalization.CultureInfo.InvariantCulture);
        if (parallelism == 1)
        {
            Assert.InRange(firstHost, 0, 99);
            Assert.InRange(secondHost, 100, 199);
        }
        else
        {
            // Workers take chunks of √400 = 20 nodes each; which 100 feasible nodes are found first depends on which
            // chunks finish first (as upstream's), so a window may reach a few chunks past the first 100 nodes.
            Assert.InRange(firstHost, 0, 99 + (20 * parallelism));
            Assert.InRange(secondHost, 100, 199 + (40 * parallelism));
        }
    }

    [Fact]
    public void Schedule_ParallelFiltering_FindsTheSameFitAsSequential()
    {
        for (var i = 0; i < 300; i++)
        {
            // Only every tenth node has room.
            _cache.AddNode(Make.Node($"n{i:000}", cpu: i % 10 == 0 ? "8" : "1"));
        }
        var (algorithm, framework) = Create(percentage: 100, parallelism: 4);

        var status = algorithm.Schedule(framework, new CycleState(), Make.Info(Make.Pod("p", cpu: "2")), out var result);

        Assert.True(status.IsSuccess);
        Assert.Equal(30, result.FeasibleNodes);
        Assert.Equal(300, result.EvaluatedNodes);
        Assert.EndsWith("0", result.SuggestedHost, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_ChoosesRandomlyAmongEquallyGoodNodes()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            _cache.AddNode(Make.Node(name));
        }
        var (algorithm, framework) = Create(seed: 7);

        var chosen = Enumerable.Range(0, 30).Select(i =>
        {
            algorithm.Schedule(framework, new CycleState(), Make.Info(Make.Pod("p" + i)), out var result);
            return result.SuggestedHost;
        }).ToHashSet();

        Assert.Equal(3, chosen.Count);
    }

    [Fact]
    public void Schedule_CountsAssumedPods_SoTheNextPodGoesElsewhere()
    {
        _cache.AddNode(Make.Node("a", cpu: "2"));
        _cache.AddNode(Make.Node("b", cpu: "2"));
        var (algorithm, framework) = Create();
        var first = Make.Info(Make.Pod("first", cpu: "1500m"));
        algorithm.Schedule(framework, new CycleState(), first, out var a);
        _cache.AssumePod(first.WithNodeName(a.SuggestedHost));

        algorithm.Schedule(framework, new CycleState(), Make.Info(Make.Pod("second", cpu: "1500m")), out var b);

        Assert.NotEqual(a.SuggestedHost, b.SuggestedHost);
    }
}
