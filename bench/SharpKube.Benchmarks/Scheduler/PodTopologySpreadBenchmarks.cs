using BenchmarkDotNet.Attributes;
using k8s;
using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.PodTopologySpread;

namespace SharpKube.Benchmarks.Scheduler;

/// <summary>
/// PodTopologySpread on 5,000 nodes in three zones holding 10 pods each, half of them the incoming pod's app:
/// <c>PreFilter</c> counts the matching pods per zone (a DoNotSchedule zone constraint) over every node, alternating
/// between two pods that ask different questions (so no node's count is reused); <c>PreFilterOneNodeChanged</c>
/// asks the same question each time after one node changed (a pod placed there), as consecutive pods of one workload do
/// (<c>PreScoreScoreOneNodeChanged</c> likewise for scoring);
/// <c>FilterAll</c> then filters every node; <c>PreScoreScore</c> counts for a ScheduleAnyway zone constraint and
/// scores every node.
/// </summary>
[MemoryDiagnoser]
public class PodTopologySpreadBenchmarks
{
    private const int PodsPerNode = 10;

    private NodeInfo[] _nodes = null!;
    private PodTopologySpreadPlugin _plugin = null!;
    private PodInfo _hard = null!;
    private PodInfo _hardDb = null!;
    private PodInfo _placed = null!;
    private int _calls;
    private PodInfo _soft = null!;
    private PodInfo _softDb = null!;
    private CycleState _filterState = null!;

    /// <summary>How many nodes the cluster has.</summary>
    [Params(5000)]
    public int Nodes { get; set; }

    /// <summary>How many threads count.</summary>
    [Params(1, 2)]
    public int Parallelism { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _nodes = new NodeInfo[Nodes];
        for (var n = 0; n < Nodes; n++)
        {
            var name = $"node-{n:0000}";
            var node = new NodeInfo(name);
            node.SetNode(new V1Node
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Labels = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = $"zone-{n % 3}", ["kubernetes.io/hostname"] = name },
                },
                Spec = new V1NodeSpec(),
                Status = new V1NodeStatus(),
            });
            for (var p = 0; p < PodsPerNode; p++)
            {
                node.AddPod(PodInfo.Create(Pod($"pod-{n}-{p}", p % 2 == 0 ? "web" : "db", name)).WithNodeName(name));
            }
            _nodes[n] = node;
        }
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        _plugin = new PodTopologySpreadPlugin(new FrameworkHandle(client, Snapshot.Of(_nodes), parallelizer: new Parallelizer(Parallelism)));
        _hard = PodInfo.Create(Pod("hard", "web", null, "DoNotSchedule"));
        _hardDb = PodInfo.Create(Pod("hard-db", "db", null, "DoNotSchedule"));
        _placed = PodInfo.Create(Pod("placed", "web", "node-0000"));
        _soft = PodInfo.Create(Pod("soft", "web", null, "ScheduleAnyway"));
        _softDb = PodInfo.Create(Pod("soft-db", "db", null, "ScheduleAnyway"));
        _filterState = new CycleState();
        _plugin.PreFilter(_filterState, _hard, _nodes, out _);
    }

    [Benchmark]
    public bool PreFilter() => _plugin.PreFilter(new CycleState(), ++_calls % 2 == 0 ? _hard : _hardDb, _nodes, out _).IsSuccess;

    [Benchmark]
    public bool PreFilterOneNodeChanged()
    {
        var node = _nodes[++_calls % _nodes.Length];
        if (!node.RemovePod(_placed.Uid))
        {
            node.AddPod(_placed);
        }
        return _plugin.PreFilter(new CycleState(), _hard, _nodes, out _).IsSuccess;
    }

    [Benchmark]
    public int FilterAll()
    {
        var fits = 0;
        foreach (var node in _nodes)
        {
            if (_plugin.Filter(_filterState, _hard, node).IsSuccess)
            {
                fits++;
            }
        }
        return fits;
    }

    [Benchmark]
    public long PreScoreScore() => PreScoreAndScore(++_calls % 2 == 0 ? _soft : _softDb);

    [Benchmark]
    public long PreScoreScoreOneNodeChanged()
    {
        var node = _nodes[++_calls % _nodes.Length];
        if (!node.RemovePod(_placed.Uid))
        {
            node.AddPod(_placed);
        }
        return PreScoreAndScore(_soft);
    }

    private long PreScoreAndScore(PodInfo pod)
    {
        var state = new CycleState();
        _plugin.PreScore(state, pod, _nodes);
        long total = 0;
        foreach (var node in _nodes)
        {
            _plugin.Score(state, pod, node, out var score);
            total += score;
        }
        return total;
    }

    private static V1Pod Pod(string name, string app, string? nodeName, string? when = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "default",
            Uid = Guid.NewGuid().ToString(),
            Labels = new Dictionary<string, string> { ["app"] = app },
        },
        Spec = new V1PodSpec
        {
            NodeName = nodeName,
            Containers = [new V1Container { Name = "app", Image = "busybox" }],
            TopologySpreadConstraints = when is null
                ? null
                :
                [
                    new V1TopologySpreadConstraint
                    {
                        MaxSkew = 1,
                        TopologyKey = "topology.kubernetes.io/zone",
                        WhenUnsatisfiable = when,
                        LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
                    },
                ],
        },
    };
}
