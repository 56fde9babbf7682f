using BenchmarkDotNet.Attributes;
using k8s;
using k8s.Models;
using SharpKube.Scheduler.Cache;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Scheduling;

namespace SharpKube.Benchmarks.Scheduler;

/// <summary>
/// One scheduling cycle with the default plugins on 5,000 nodes holding 10 pods each (50,000 pods): the adaptive
/// percentage makes it filter until 500 nodes fit, then score those. <c>Schedule</c> runs on an unchanged cluster
/// (the snapshot copies nothing); <c>ScheduleAssumeForget</c> also assumes the pod and forgets it, so every cycle
/// copies the changed node into the snapshot, as when pods are being placed one after the other.
/// </summary>
[MemoryDiagnoser]
public class SchedulingCycleBenchmarks
{
    private const int PodsPerNode = 10;

    private readonly SchedulerCache _cache = new();
    private readonly Snapshot _snapshot = new();
    private SchedulingFramework _framework = null!;
    private SchedulingAlgorithm _algorithm = null!;
    private PodInfo _pod = null!;

    /// <summary>How many nodes the cluster has.</summary>
    [Params(5000)]
    public int Nodes { get; set; }

    /// <summary>How many threads filter and score.</summary>
    [Params(1, 2)]
    public int Parallelism { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        for (var n = 0; n < Nodes; n++)
        {
            var name = $"node-{n:0000}";
            _cache.AddNode(Node(name, n % 3));
            for (var p = 0; p < PodsPerNode; p++)
            {
                _cache.AddPod(PodInfo.Create(Pod($"pod-{n}-{p}", name)));
            }
        }
        var registry = InTreePlugins.CreateRegistry();
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        _framework = FrameworkBuilder.Build(DefaultProfile.Create(registry), registry,
            new FrameworkHandle(client, _snapshot, parallelizer: new Parallelizer(Parallelism)));
        _algorithm = new SchedulingAlgorithm(_cache, _snapshot, new Random(1));
        _pod = PodInfo.Create(Pod("incoming", null));
        _cache.UpdateSnapshot(_snapshot);
    }

    [Benchmark]
    public string Schedule()
    {
        _algorithm.Schedule(_framework, new CycleState(), _pod, out var result);
        return result.SuggestedHost;
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
        var allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("32"), ["memory"] = new("128Gi"), ["pods"] = new("110") };
        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = $"zone-{zone}" } },
            Spec = new V1NodeSpec(),
            Status = new V1NodeStatus { Allocatable = allocatable, Capacity = allocatable },
        };
    }

    private static V1Pod Pod(string name, string? nodeName) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = Guid.NewGuid().ToString() },
        Spec = new V1PodSpec
        {
            NodeName = nodeName,
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Image = "busybox",
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("500Mi") },
                    },
                },
            ],
        },
    };
}
