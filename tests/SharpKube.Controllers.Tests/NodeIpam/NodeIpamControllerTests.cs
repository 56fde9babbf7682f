using k8s;
using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.NodeIpam;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.NodeIpam;

public sealed class NodeIpamControllerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ControllerManagerOptions Options(string clusterCidr = "10.42.0.0/16") => new()
    {
        LeaderElect = false,
        Controllers = new HashSet<string> { "nodeipam" },
        ClusterCidr = clusterCidr,
    };

    [Fact]
    public async Task EveryNode_GetsItsOwnSlash24_InPodCidrAndPodCidrs()
    {
        await using var controllers = RunningControllers.Start(fixture, Options());
        string[] names = ["ipam-a", "ipam-b", "ipam-c"];
        foreach (var name in names)
        {
            await CreateNodeAsync(name);
        }

        await Eventually.TrueAsync(async () => (await CidrsAsync(names)).All(c => c is not null), "every node has a pod CIDR");
        var nodes = await Task.WhenAll(names.Select(n => fixture.Client.CoreV1.ReadNodeAsync(n, cancellationToken: Ct)));
        foreach (var node in nodes)
        {
            Assert.Matches(@"^10\.42\.\d{1,3}\.0/24$", node.Spec.PodCIDR);
            Assert.Equal([node.Spec.PodCIDR], node.Spec.PodCIDRs);
        }
        Assert.Equal(names.Length, nodes.Select(n => n.Spec.PodCIDR).Distinct().Count());
        await DeleteNodesAsync(names);
    }

    [Fact]
    public async Task FullNetwork_GivesAWarningEvent_AndADeletedNodesBlockGoesToTheNodeWaiting()
    {
        // A /23 holds two /24 blocks.
        await using var controllers = RunningControllers.Start(fixture, Options("10.99.0.0/23"));
        await CreateNodeAsync("full-a");
        await CreateNodeAsync("full-b");
        await Eventually.TrueAsync(async () => (await CidrsAsync("full-a", "full-b")).All(c => c is not null), "the first two nodes have blocks");
        var blockOfA = (await CidrsAsync("full-a"))[0];

        await CreateNodeAsync("full-c");

        await Eventually.TrueAsync(async () => (await EventsAboutAsync("full-c")).Any(e => e.Reason == "CIDRNotAvailable"),
            "the node left without a block gets a CIDRNotAvailable event");
        var warning = (await EventsAboutAsync("full-c")).First(e => e.Reason == "CIDRNotAvailable");
        Assert.Equal(("Warning", "Node full-c status is now: CIDRNotAvailable", "Node"), (warning.Type, warning.Message, warning.InvolvedObject.Kind));
        Assert.Null((await CidrsAsync("full-c"))[0]);

        await fixture.Client.CoreV1.DeleteNodeAsync("full-a", cancellationToken: Ct);

        await Eventually.TrueAsync(async () => (await CidrsAsync("full-c"))[0] == blockOfA, "the waiting node gets the freed block");
        Assert.False(controllers.Stopped);
        await DeleteNodesAsync("full-b", "full-c");
    }

    [Fact]
    public async Task AfterARestart_BlocksHeldByExistingNodes_AreNotHandedOutAgain()
    {
        // One node got its block by hand (the first block, which a fresh allocator would hand out first).
        await CreateNodeAsync("restart-manual", "10.42.0.0/24");
        string? blockOfFirst;
        await using (RunningControllers.Start(fixture, Options()))
        {
            await CreateNodeAsync("restart-first");
            await Eventually.TrueAsync(async () => (await CidrsAsync("restart-first"))[0] is not null, "the first node has a block");
            blockOfFirst = (await CidrsAsync("restart-first"))[0];
        }

        await using var restarted = RunningControllers.Start(fixture, Options());
        await CreateNodeAsync("restart-second");

        await Eventually.TrueAsync(async () => (await CidrsAsync("restart-second"))[0] is not null, "the node created after the restart has a block");
        var blockOfSecond = (await CidrsAsync("restart-second"))[0];
        Assert.NotEqual("10.42.0.0/24", blockOfFirst);
        Assert.NotEqual("10.42.0.0/24", blockOfSecond);
        Assert.NotEqual(blockOfFirst, blockOfSecond);
        await DeleteNodesAsync("restart-manual", "restart-first", "restart-second");
    }

    [Theory]
    [InlineData("10.42.0.0/16", 24, null)]
    [InlineData("10.42.7.1/16", 24, null)]
    [InlineData("10.42.0.0", 24, "is not a network in CIDR notation")]
    [InlineData("fd00::/48", 64, "only IPv4")]
    [InlineData("10.42.0.0/16", 8, "must be between")]
    [InlineData("10.0.0.0/8", 28, "more than 2^16 blocks")]
    public void ClusterCidrAndMaskSize_AreChecked(string cidr, int mask, string? error)
    {
        if (error is null)
        {
            var set = NodeCidrSet.Create(cidr, mask);
            Assert.Equal((256, "10.42.0.0/16"), (set.Capacity, set.ClusterCidr));
            return;
        }
        Assert.Contains(error, Assert.Throws<FormatException>(() => NodeCidrSet.Create(cidr, mask)).Message, StringComparison.Ordinal);
    }

    private Task CreateNodeAsync(string name, string? podCidr = null) =>
        fixture.Client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = podCidr is null ? null : new V1NodeSpec { PodCIDR = podCidr },
        }, cancellationToken: Ct);

    private async Task DeleteNodesAsync(params string[] names)
    {
        foreach (var name in names)
        {
            await fixture.Client.CoreV1.DeleteNodeAsync(name, cancellationToken: Ct);
        }
    }

    private async Task<string?[]> CidrsAsync(params string[] names)
    {
        var nodes = (await fixture.Client.CoreV1.ListNodeAsync(cancellationToken: Ct)).Items;
        return [.. names.Select(n => nodes.FirstOrDefault(node => node.Metadata.Name == n)?.Spec?.PodCIDR)];
    }

    private async Task<IList<Corev1Event>> EventsAboutAsync(string node) =>
        (await fixture.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=" + node, cancellationToken: Ct)).Items;
}
