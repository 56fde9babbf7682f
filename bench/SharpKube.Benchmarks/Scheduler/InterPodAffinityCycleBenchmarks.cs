using BenchmarkDotNet.Attributes;
using k8s;
using k8s.Models;
using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Scheduling;

namespace SharpKube.Benchmarks.Scheduler;

/// <summary>
/// One scheduling cycle of upstream's <c>SchedulingPodAntiAffinity</c> workload (scheduler_perf): 5,000 nodes, 1,000
/// pods already placed one per node, and an incoming pod of the same template — labelled <c>color=green</c>, with
/// required anti-affinity to <c>color=green</c> per <c>kubernetes.io/hostname</c>. The pod is assumed and forgotten
/// each time, as when pods are placed one after the other. Upstream's threshold is 595 pods/s end to end.
/// </summary>
[MemoryDiagnoser]
public class InterPodAffinityCycleBenchmarks
{
    private const string Hostname = "kubernetes.io/hostname";

    private readonly SchedulerCache _cache = new();
    private readonly Snapshot _snapshot = new();
    private SchedulingFramework _framework = null!;
    private SchedulingAlgorithm _algorithm = null!;
    private PodInfo _pod = null!;

    /// <summary>How many nodes the cluster has.</summary>
    [Params(5000)]
    public int Nodes { get; set; }

    /// <summary>How many pods with anti-affinity are already placed (one per node).</summary>
    [Params(1000)]
    public int InitPods { get; set; }

    /// <summary>How many threads filter and score.</summary>
    [Params(1, 2)]
    public int Parallelism { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        for (var n = 0; n < Nodes; n++)
        {
            _cache.AddNode(Node($"node-{n:0000}", n % 3));
        }
        for (var p = 0; p < InitPods; p++)
        {
            _cache.AddPod(PodInfo.Create(AntiAffinityPod($"init-{p}", "sched-setup", $"node-{p % Nodes:0000}")));
        }
        var registry = InTreePlugins.CreateRegistry();
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        _framework = FrameworkBuilder.Build(DefaultProfile.Create(registry), registry,
            new FrameworkHandle(client, _snapshot, parallelizer: new Parallelizer(Parallelism)));
        _algorithm = new SchedulingAlgorithm(_cache, _snapshot, new Random(1));
        _pod = PodInfo.Create(AntiAffinityPod("incoming", "sched-test", null));
        _cache.UpdateSnapshot(_snapshot);
    }

    [Benchmark]
    public string ScheduleAssumeForget()
    {
        _algorithm.Schedule(_framework, new CycleState(), _pod, out var result);
        var assumed = _pod.WithNodeName(result.SuggestedHost);
        _cache.AssumePod(assumed);
        _cache.ForgetPod(assumed);
        return result.SuggestedHost;
    }

    private static V1Node Node(string name, int zone)
    {
        var allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("32Gi"), ["pods"] = new("110") };
        return new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string> { [Hostname] = name, ["topology.kubernetes.io/zone"] = $"zone-{zone}" },
            },
            Spec = new V1NodeSpec(),
            Status = new V1NodeStatus { Allocatable = allocatable, Capacity = allocatable },
        };
    }

    /// <summary>Upstream's <c>pod-with-pod-anti-affinity.yaml</c>.</summary>
    private static V1Pod AntiAffinityPod(string name, string ns, string? nodeName) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Uid = Guid.NewGuid().ToString(),
            Labels = new Dictionary<string, string> { ["color"] = "green", ["name"] = "test" },
        },
        Spec = new V1PodSpec
        {
            NodeName = nodeName,
            Affinity = new V1Affinity
            {
                PodAntiAffinity = new V1PodAntiAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution =
                    [
                        new V1PodAffinityTerm
                        {
                            TopologyKey = Hostname,
                            LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["color"] = "green" } },
                            Namespaces = ["sched-test", "sched-setup"],
                        },
                    ],
                },
            },
            Containers =
            [
                new V1Container
                {
                    Name = "pause",
                    Image = "registry.k8s.io/pause:3.10",
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("500Mi") },
                    },
                },
            ],
        },
    };
}
