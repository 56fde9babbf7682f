using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.PodTopologySpread;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.PodTopologySpread;

/// <summary>Zoned nodes, labelled pods and constraints for the PodTopologySpread tests.</summary>
internal static class Spread
{
    public const string Zone = "topology.kubernetes.io/zone";
    public const string Hostname = "kubernetes.io/hostname";

    /// <summary>A constraint selecting <c>app=<paramref name="app"/></c>.</summary>
    public static V1TopologySpreadConstraint Constraint(string key = Zone, int maxSkew = 1, string when = "DoNotSchedule", string app = "web",
        int? minDomains = null, string? nodeAffinityPolicy = null, string? nodeTaintsPolicy = null, IList<string>? matchLabelKeys = null) => new()
        {
            TopologyKey = key,
            MaxSkew = maxSkew,
            WhenUnsatisfiable = when,
            LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
            MinDomains = minDomains,
            NodeAffinityPolicy = nodeAffinityPolicy,
            NodeTaintsPolicy = nodeTaintsPolicy,
            MatchLabelKeys = matchLabelKeys,
        };

    /// <summary>A pod labelled <c>app=<paramref name="app"/></c> (plus <paramref name="extra"/>) with <paramref name="constraints"/>.</summary>
    public static V1Pod Pod(string name, string app = "web", string ns = "default", IDictionary<string, string>? extra = null,
        params V1TopologySpreadConstraint[] constraints)
    {
        var labels = new Dictionary<string, string> { ["app"] = app };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }
        var pod = Make.Pod(name, ns: ns, labels: labels);
        pod.Spec.TopologySpreadConstraints = constraints.Length == 0 ? null : constraints;
        return pod;
    }

    /// <summary>A node in <paramref name="zone"/> (none when null) with <paramref name="pods"/> on it.</summary>
    public static NodeInfo Node(string name, string? zone, params V1Pod[] pods)
    {
        var labels = new Dictionary<string, string> { [Hostname] = name };
        if (zone is not null)
        {
            labels[Zone] = zone;
        }
        return Make.NodeInfo(Make.Node(name, labels: labels), pods);
    }

    /// <summary><paramref name="count"/> pods labelled <c>app=<paramref name="app"/></c>.</summary>
    public static V1Pod[] Pods(int count, string app = "web", string ns = "default") =>
        [.. Enumerable.Range(0, count).Select(i => Pod($"{app}-{Guid.NewGuid():N}", app, ns))];

    /// <summary>The plugin over a snapshot of <paramref name="nodes"/>.</summary>
    public static PodTopologySpreadPlugin Plugin(IReadOnlyList<NodeInfo> nodes, PodTopologySpreadArgs? args = null, WorkloadListers? listers = null) =>
        new(new FrameworkHandle(Make.NowhereClient(), Snapshot.Of(nodes)), args, listers ?? WorkloadListers.None);

    /// <summary>PreFilter, then Filter on every node: the nodes that fit, by name.</summary>
    public static Dictionary<string, Status> FilterAll(PodTopologySpreadPlugin plugin, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var state = new CycleState();
        var info = Make.Info(pod);
        var pre = plugin.PreFilter(state, info, nodes, out _);
        Assert.True(pre.IsSuccess, pre.ToString());
        return nodes.ToDictionary(n => n.Name, n => plugin.Filter(state, info, n));
    }

    /// <summary>PreScore, Score and NormalizeScore over <paramref name="nodes"/> (all feasible): the final scores by name.</summary>
    public static Dictionary<string, long> ScoreAll(PodTopologySpreadPlugin plugin, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var state = new CycleState();
        var info = Make.Info(pod);
        var pre = plugin.PreScore(state, info, nodes);
        Assert.True(pre.IsSuccess, pre.ToString());
        var scores = new NodeScore[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            Assert.True(plugin.Score(state, info, nodes[i], out var score).IsSuccess);
            scores[i] = new NodeScore(nodes[i], score);
        }
        Assert.True(plugin.NormalizeScore(state, info, scores).IsSuccess);
        return scores.ToDictionary(s => s.Node.Name, s => s.Score);
    }
}
