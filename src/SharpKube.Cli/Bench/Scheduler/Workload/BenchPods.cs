using k8s.Models;

namespace SharpKube.Cli.Bench.Scheduler.Workload;

/// <summary>
/// The pods of the scheduler benchmark, shaped as upstream's scheduler_perf templates: one pause container with port
/// 80 requesting (and limited to) 100m CPU and 500Mi, and the variants with affinity, topology spread or priority.
/// </summary>
internal static class BenchPods
{
    /// <summary>The image every pod names (hollow nodes never pull it).</summary>
    public const string Image = "registry.k8s.io/pause:3.10";

    /// <summary>The PriorityClass of the preemptors (value 10, as upstream's high-priority template).</summary>
    public const string HighPriorityClass = "bench-high-priority";

    private const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary><c>pod-default.yaml</c>: 100m CPU, 500Mi.</summary>
    public static V1Pod Default(string name) => Pod(name, "100m");

    /// <summary><c>pod-with-pod-anti-affinity.yaml</c>: labelled color=green, refusing nodes with another color=green pod of <paramref name="namespaces"/>.</summary>
    public static V1Pod RequiredAntiAffinity(string name, IList<string> namespaces)
    {
        var pod = Labelled(Default(name), "color", "green");
        pod.Spec.Affinity = new V1Affinity
        {
            PodAntiAffinity = new V1PodAntiAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PodAffinityTerm
                    {
                        LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["color"] = "green" } },
                        TopologyKey = "kubernetes.io/hostname",
                        Namespaces = namespaces,
                    },
                ],
            },
        };
        return pod;
    }

    /// <summary><c>pod-with-pod-anti-affinity-label.yaml</c>: a default pod labelled color=green, which the anti-affinity pods repel.</summary>
    public static V1Pod MatchingAntiAffinityLabel(string name) => Labelled(Default(name), "color", "green");

    /// <summary><c>pod-with-node-affinity.yaml</c>: requires a node in one of <paramref name="zones"/>.</summary>
    public static V1Pod RequiredNodeAffinity(string name, IList<string> zones)
    {
        var pod = Default(name);
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = ZoneLabel, OperatorProperty = "In", Values = zones }] }],
                },
            },
        };
        return pod;
    }

    /// <summary><c>pod-with-topology-spreading.yaml</c>: labelled color=blue, spread over zones with maxSkew 5, DoNotSchedule.</summary>
    public static V1Pod ZoneSpread(string name)
    {
        var pod = Labelled(Default(name), "color", "blue");
        pod.Spec.TopologySpreadConstraints =
        [
            new V1TopologySpreadConstraint
            {
                MaxSkew = 5,
                TopologyKey = ZoneLabel,
                WhenUnsatisfiable = "DoNotSchedule",
                LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["color"] = "blue" } },
            },
        ];
        return pod;
    }

    /// <summary><c>pod-low-priority.yaml</c>: 900m CPU, priority 0, no grace period.</summary>
    public static V1Pod LowPriority(string name)
    {
        var pod = Pod(name, "900m");
        pod.Spec.TerminationGracePeriodSeconds = 0;
        return pod;
    }

    /// <summary><c>pod-high-priority.yaml</c>: 3 CPUs at priority 10 (through <see cref="HighPriorityClass"/>).</summary>
    public static V1Pod HighPriority(string name)
    {
        var pod = Pod(name, "3000m");
        pod.Spec.PriorityClassName = HighPriorityClass;
        return pod;
    }

    private static V1Pod Labelled(V1Pod pod, string key, string value)
    {
        pod.Metadata.Labels = new Dictionary<string, string> { [key] = value };
        return pod;
    }

    private static V1Pod Pod(string name, string cpu)
    {
        var resources = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new("500Mi") };
        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = "pause",
                        Image = Image,
                        Ports = [new V1ContainerPort { ContainerPort = 80 }],
                        Resources = new V1ResourceRequirements { Requests = resources, Limits = resources },
                    },
                ],
            },
        };
    }
}
