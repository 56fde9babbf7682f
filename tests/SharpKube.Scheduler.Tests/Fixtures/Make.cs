using k8s;
using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins;

namespace SharpKube.Scheduler.Tests.Fixtures;

/// <summary>Nodes, pods and frameworks for unit tests, built in one line each.</summary>
public static class Make
{
    private static int _uid;

    /// <summary>A ready node with the given allocatable resources, labels and taints.</summary>
    public static V1Node Node(string name, string cpu = "4", string memory = "8Gi", int pods = 110, IList<V1Taint>? taints = null,
        IDictionary<string, string>? labels = null, bool unschedulable = false, string? ephemeralStorage = null,
        IDictionary<string, string>? extended = null)
    {
        var allocatable = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(cpu),
            ["memory"] = new(memory),
            ["pods"] = new(pods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (ephemeralStorage is not null)
        {
            allocatable["ephemeral-storage"] = new(ephemeralStorage);
        }
        foreach (var (key, value) in extended ?? new Dictionary<string, string>())
        {
            allocatable[key] = new(value);
        }
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
            Spec = new V1NodeSpec { Taints = taints, Unschedulable = unschedulable },
            Status = new V1NodeStatus { Allocatable = allocatable, Capacity = allocatable },
        };
    }

    /// <summary>A taint.</summary>
    public static V1Taint Taint(string key, string? value, string effect) => new() { Key = key, Value = value, Effect = effect };

    /// <summary>A toleration (operator Equal unless <paramref name="op"/> says otherwise).</summary>
    public static V1Toleration Toleration(string? key, string? value = null, string? effect = null, string? op = null) =>
        new() { Key = key, Value = value, Effect = effect, OperatorProperty = op };

    /// <summary>A pod with one container requesting <paramref name="cpu"/> and <paramref name="memory"/> (none when null).</summary>
    public static V1Pod Pod(string name, string? cpu = null, string? memory = null, string ns = "default", string? nodeName = null,
        int? priority = null, IList<V1Toleration>? tolerations = null, IList<int>? hostPorts = null, IList<string>? gates = null,
        string? schedulerName = null, IDictionary<string, string>? extended = null, IDictionary<string, string>? labels = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            requests["cpu"] = new(cpu);
        }
        if (memory is not null)
        {
            requests["memory"] = new(memory);
        }
        foreach (var (key, value) in extended ?? new Dictionary<string, string>())
        {
            requests[key] = new(value);
        }
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Uid = "uid-" + name + "-" + Interlocked.Increment(ref _uid),
                Labels = labels,
            },
            Spec = new V1PodSpec
            {
                NodeName = nodeName,
                Priority = priority,
                Tolerations = tolerations,
                SchedulerName = schedulerName ?? "default-scheduler",
                SchedulingGates = gates?.Select(g => new V1PodSchedulingGate { Name = g }).ToList(),
                Containers =
                [
                    new V1Container
                    {
                        Name = "app",
                        Image = "busybox",
                        Resources = requests.Count == 0 ? null : new V1ResourceRequirements { Requests = requests },
                        Ports = hostPorts?.Select(p => new V1ContainerPort { ContainerPort = p, HostPort = p }).ToList(),
                    },
                ],
            },
            Status = new V1PodStatus { Phase = "Pending" },
        };
    }

    /// <summary>The pod's facts.</summary>
    public static PodInfo Info(V1Pod pod) => PodInfo.Create(pod);

    /// <summary>A node info for <paramref name="node"/> with <paramref name="pods"/> on it.</summary>
    public static NodeInfo NodeInfo(V1Node node, params V1Pod[] pods)
    {
        var info = new NodeInfo(node.Metadata.Name);
        info.SetNode(node);
        foreach (var pod in pods)
        {
            info.AddPod(PodInfo.Create(pod).WithNodeName(node.Metadata.Name));
        }
        return info;
    }

    /// <summary>A client that reaches nothing: for frameworks whose tests never bind.</summary>
    public static Kubernetes NowhereClient() => new(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });

    /// <summary>The default profile's framework over <paramref name="snapshot"/>.</summary>
    public static SchedulingFramework DefaultFramework(Snapshot snapshot, int? percentageOfNodesToScore = null, int parallelism = 1)
    {
        var registry = InTreePlugins.CreateRegistry();
        var profile = DefaultProfile.Create(registry) with { PercentageOfNodesToScore = percentageOfNodesToScore };
        return FrameworkBuilder.Build(profile, registry, new FrameworkHandle(NowhereClient(), snapshot, parallelizer: new Parallelizer(parallelism)));
    }
}
