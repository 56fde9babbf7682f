using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Tests.Framework;

public sealed class NodeInfoNodeFactsTests
{
    private static V1Node Node(string name, IDictionary<string, string> labels, bool unschedulable = false, params V1Taint[] taints) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1NodeSpec { Unschedulable = unschedulable, Taints = taints.Length == 0 ? null : taints },
    };

    [Fact]
    public void SetNode_KeepsLabelsTaintsAndCordon_AndAnswersTopologyLabelsLikeTheLabelMap()
    {
        var info = new NodeInfo("n1");
        var taint = new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" };

        info.SetNode(Node("n1", new Dictionary<string, string>
        {
            [NodeInfo.HostnameLabel] = "host-1",
            [NodeInfo.ZoneLabel] = "zone-a",
            ["rack"] = "r7",
        }, unschedulable: true, taint));

        Assert.True(info.Unschedulable);
        Assert.Equal([taint], info.Taints);
        Assert.Equal("r7", info.Labels!["rack"]);
        Assert.True(info.TryGetLabel(NodeInfo.HostnameLabel, out var hostname));
        Assert.True(info.TryGetLabel(NodeInfo.ZoneLabel, out var zone));
        Assert.True(info.TryGetLabel("rack", out var rack));
        Assert.False(info.TryGetLabel("topology.kubernetes.io/region", out _));
        Assert.Equal(("host-1", "zone-a", "r7"), (hostname, zone, rack));
    }

    [Fact]
    public void TopologyValues_EqualTheSameTextFromAnyString_AndCountInOneDomain()
    {
        var info = new NodeInfo("n1");
        info.SetNode(Node("n1", new Dictionary<string, string> { [NodeInfo.HostnameLabel] = "host-1", ["rack"] = "r7" }));
        var counts = new Dictionary<TopologyValue, int>();

        Assert.True(info.TryGetTopologyValue(NodeInfo.HostnameLabel, out var hostname));
        Assert.True(info.TryGetTopologyValue("rack", out var rack));
        counts[hostname] = 1;
        counts[new TopologyValue(string.Concat("host-", "1"))] += 1;

        Assert.Equal(2, counts[new TopologyValue("host-1")]);
        Assert.Equal(new TopologyValue("r7"), rack);
        Assert.NotEqual(new TopologyValue("host-2"), hostname);
        Assert.False(info.TryGetTopologyValue(NodeInfo.ZoneLabel, out _));
    }

    [Fact]
    public void ANewNodeObject_CopyAndClear_ReplaceTheFactsOfTheOldOne()
    {
        var info = new NodeInfo("n1");
        info.SetNode(Node("n1", new Dictionary<string, string> { [NodeInfo.HostnameLabel] = "host-1", [NodeInfo.ZoneLabel] = "zone-a" },
            unschedulable: true, new V1Taint { Key = "k", Effect = "NoExecute" }));

        info.SetNode(Node("n1", new Dictionary<string, string> { [NodeInfo.HostnameLabel] = "host-1b" }));
        var copy = new NodeInfo("other");
        copy.CopyFrom(info);
        var cleared = info.Clone();
        cleared.ClearNode();

        Assert.False(info.Unschedulable);
        Assert.Empty(info.Taints);
        Assert.False(info.TryGetLabel(NodeInfo.ZoneLabel, out _));
        Assert.True(copy.TryGetLabel(NodeInfo.HostnameLabel, out var copied));
        Assert.Equal("host-1b", copied);
        Assert.False(cleared.TryGetLabel(NodeInfo.HostnameLabel, out _));
        Assert.Null(cleared.Labels);
    }
}
