using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.InterPodAffinity;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.InterPodAffinity;

/// <summary>Pods with pod (anti-)affinity, nodes with zones, and the plugin over them, for the InterPodAffinity unit tests.</summary>
internal static class AffinityPods
{
    public const string Zone = "topology.kubernetes.io/zone";
    public const string Hostname = "kubernetes.io/hostname";

    /// <summary>A term selecting pods with <paramref name="key"/>=<paramref name="value"/> per <paramref name="topologyKey"/>.</summary>
    public static V1PodAffinityTerm Term(string topologyKey, string key, string value, IList<string>? namespaces = null,
        V1LabelSelector? namespaceSelector = null) => new()
        {
            TopologyKey = topologyKey,
            LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [key] = value } },
            Namespaces = namespaces,
            NamespaceSelector = namespaceSelector,
        };

    /// <summary>A pod labelled <paramref name="labels"/> ("key=value" each).</summary>
    public static V1Pod Pod(string name, params string[] labels) => PodIn("default", name, labels);

    /// <summary>A pod in <paramref name="ns"/> labelled <paramref name="labels"/>.</summary>
    public static V1Pod PodIn(string ns, string name, params string[] labels) =>
        Make.Pod(name, ns: ns, labels: labels.Select(l => l.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]));

    public static V1Pod RequiredAffinity(this V1Pod pod, params V1PodAffinityTerm[] terms)
    {
        Affinity(pod).PodAffinity = new V1PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = terms };
        return pod;
    }

    public static V1Pod RequiredAntiAffinity(this V1Pod pod, params V1PodAffinityTerm[] terms)
    {
        Affinity(pod).PodAntiAffinity = new V1PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = terms };
        return pod;
    }

    public static V1Pod PreferredAffinity(this V1Pod pod, int weight, V1PodAffinityTerm term)
    {
        Affinity(pod).PodAffinity = new V1PodAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution = [new V1WeightedPodAffinityTerm { Weight = weight, PodAffinityTerm = term }],
        };
        return pod;
    }

    public static V1Pod PreferredAntiAffinity(this V1Pod pod, int weight, V1PodAffinityTerm term)
    {
        Affinity(pod).PodAntiAffinity = new V1PodAntiAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution = [new V1WeightedPodAffinityTerm { Weight = weight, PodAffinityTerm = term }],
        };
        return pod;
    }

    /// <summary>A node in <paramref name="zone"/> (none: no zone label) with <paramref name="pods"/> on it.</summary>
    public static NodeInfo Node(string name, string? zone, params V1Pod[] pods)
    {
        var labels = new Dictionary<string, string> { [Hostname] = name };
        if (zone is not null)
        {
            labels[Zone] = zone;
        }
        return Make.NodeInfo(Make.Node(name, labels: labels), pods);
    }

    public static InterPodAffinityPlugin Plugin(Snapshot snapshot, InterPodAffinityArgs? args = null) =>
        new(new FrameworkHandle(Make.NowhereClient(), snapshot), args ?? new InterPodAffinityArgs());

    /// <summary>PreFilter then Filter on every node, as a cycle runs them: each node's status (Success when PreFilter skips).</summary>
    public static Dictionary<string, Status> Filter(V1Pod pod, params NodeInfo[] nodes)
    {
        var snapshot = Snapshot.Of(nodes);
        var plugin = Plugin(snapshot);
        var state = new CycleState();
        var info = Make.Info(pod);
        var pre = plugin.PreFilter(state, info, snapshot.NodeInfos, out _);
        if (pre.IsSkip)
        {
            return nodes.ToDictionary(n => n.Name, _ => Status.Success);
        }
        Assert.True(pre.IsSuccess, pre.ToString());
        return nodes.ToDictionary(n => n.Name, n => plugin.Filter(state, info, n));
    }

    /// <summary>The nodes whose Filter passed, sorted.</summary>
    public static string[] Fits(this Dictionary<string, Status> statuses) =>
        [.. statuses.Where(s => s.Value.IsSuccess).Select(s => s.Key).Order()];

    private static V1Affinity Affinity(V1Pod pod) => pod.Spec.Affinity ??= new V1Affinity();
}
