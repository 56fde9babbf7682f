using k8s.Models;
using k8s;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.HollowNodes;

public sealed class HollowNodeRegistrationTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fleet_RegistersItsNodes_WithLabelsCapacityAndTheKubeletsConditions()
    {
        await using var fleet = await HollowFleets.StartAsync(fixture, HollowFleets.Options("reg-"));

        Assert.Equal(["reg-0", "reg-1", "reg-2"], fleet.NodeNames);
        var nodes = (await fixture.Client.CoreV1.ListNodeAsync(labelSelector: "sharpkube.io/hollow-node=true", cancellationToken: Ct)).Items
            .Where(n => n.Metadata.Name.StartsWith("reg-", StringComparison.Ordinal)).OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(3, nodes.Count);
        Assert.Equal(["zone-a", "zone-b", "zone-c"], nodes.Select(n => n.Metadata.Labels["topology.kubernetes.io/zone"]));
        var node = nodes[1];
        Assert.Equal("reg-1", node.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("linux", node.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal("amd64", node.Metadata.Labels["kubernetes.io/arch"]);
        Assert.Equal("region-1", node.Metadata.Labels["topology.kubernetes.io/region"]);
        Assert.Equal("true", node.Metadata.Labels["sharpkube.io/hollow-node"]);
        Assert.Equal(("32", "256Gi", "110"), (node.Status.Capacity["cpu"].ToString(), node.Status.Capacity["memory"].ToString(), node.Status.Capacity["pods"].ToString()));
        Assert.Equal(node.Status.Capacity.ToDictionary(c => c.Key, c => c.Value.ToString()), node.Status.Allocatable.ToDictionary(c => c.Key, c => c.Value.ToString()));
        Assert.Contains("ephemeral-storage", node.Status.Allocatable.Keys);
        var ready = node.Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("True", "KubeletReady", "kubelet is posting ready status"), (ready.Status, ready.Reason, ready.Message));
        Assert.Equal([("MemoryPressure", "False", "KubeletHasSufficientMemory"), ("DiskPressure", "False", "KubeletHasNoDiskPressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID")],
            node.Status.Conditions.Where(c => c.Type != "Ready").Select(c => (c.Type, c.Status, c.Reason)));
        Assert.Equal([("InternalIP", "10.240.0.2"), ("Hostname", "reg-1")], node.Status.Addresses.Select(a => (a.Type, a.Address)));
        Assert.Equal(10250, node.Status.DaemonEndpoints.KubeletEndpoint.Port);
        Assert.Equal(("v1.32.0+hollow", "linux", "amd64"), (node.Status.NodeInfo.KubeletVersion, node.Status.NodeInfo.OperatingSystem, node.Status.NodeInfo.Architecture));
        Assert.False(string.IsNullOrEmpty(node.Status.NodeInfo.ContainerRuntimeVersion));
        Assert.Null(node.Spec.PodCIDR);
    }

    [Fact]
    public async Task EveryNode_HasALeaseOwnedByIt_ThatIsRenewed()
    {
        await using var fleet = await HollowFleets.StartAsync(fixture, HollowFleets.Options("lease-"));
        var node = await fixture.Client.CoreV1.ReadNodeAsync("lease-2", cancellationToken: Ct);

        V1Lease? lease = null;
        await Eventually.TrueAsync(async () => (lease = await LeaseAsync("lease-2")) is not null, "the node has a Lease");
        Assert.Equal(("lease-2", 40), (lease!.Spec.HolderIdentity, lease.Spec.LeaseDurationSeconds));
        var owner = Assert.Single(lease.Metadata.OwnerReferences);
        Assert.Equal(("v1", "Node", "lease-2", node.Metadata.Uid), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));

        var firstRenewal = lease.Spec.RenewTime;
        await Eventually.TrueAsync(async () => (await LeaseAsync("lease-2"))?.Spec.RenewTime > firstRenewal, "the Lease is renewed");
        Assert.True(fleet.LeaseWrites >= 4);
    }

    [Fact]
    public async Task KubectlGetNodes_ShowsTheHollowNodesReady_WithTheirVersion()
    {
        await using var fleet = await HollowFleets.StartAsync(fixture, HollowFleets.Options("kubectl-", count: 2));
        var kubectl = new KubectlRunner(fixture.Server.AdminKubeconfigPath, Path.Combine(fixture.DataDir, "kubectl-home"));

        var table = (await kubectl.RunAsync("get", "nodes", "-l", "sharpkube.io/hollow-node=true")).EnsureSuccess().Output;

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$", lines[0]);
        Assert.Matches(@"(?m)^kubectl-0\s+Ready\s+<none>\s+\S+\s+v1\.32\.0\+hollow$", table);
        Assert.Matches(@"(?m)^kubectl-1\s+Ready\s+<none>\s+\S+\s+v1\.32\.0\+hollow$", table);
    }

    [Fact]
    public async Task ARestartedFleet_AdoptsItsExistingNodes_AndPostsReadyAgain()
    {
        string uid;
        await using (var first = await HollowFleets.StartAsync(fixture, HollowFleets.Options("again-", count: 2)))
        {
            uid = (await fixture.Client.CoreV1.ReadNodeAsync("again-1", cancellationToken: Ct)).Metadata.Uid;
        }
        // While the fleet was down, the node lifecycle controller would have given up on the node, and someone
        // relabelled the nodes (again-1 lost the hollow-node label the fleet's node watch selects on).
        await fixture.Client.CoreV1.PatchNodeStatusAsync(new V1Patch(
            """{"status":{"conditions":[{"type":"Ready","status":"Unknown","reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status."}]}}""",
            V1Patch.PatchType.StrategicMergePatch), "again-1", cancellationToken: Ct);
        await fixture.Client.CoreV1.PatchNodeAsync(new V1Patch("""{"metadata":{"labels":{"sharpkube.io/hollow-node":null}}}""", V1Patch.PatchType.MergePatch),
            "again-1", cancellationToken: Ct);
        await fixture.Client.CoreV1.PatchNodeAsync(new V1Patch("""{"metadata":{"labels":{"topology.kubernetes.io/zone":"zone-x"}}}""", V1Patch.PatchType.MergePatch),
            "again-0", cancellationToken: Ct);

        await using var second = await HollowFleets.StartAsync(fixture, HollowFleets.Options("again-", count: 3));

        var node = await fixture.Client.CoreV1.ReadNodeAsync("again-1", cancellationToken: Ct);
        Assert.Equal(uid, node.Metadata.Uid);
        Assert.Equal(("True", "KubeletReady"), (node.Status.Conditions.Single(c => c.Type == "Ready").Status, node.Status.Conditions.Single(c => c.Type == "Ready").Reason));
        Assert.Equal("true", node.Metadata.Labels["sharpkube.io/hollow-node"]);
        Assert.Equal(4, node.Status.Conditions.Count);
        Assert.Equal("zone-a", (await fixture.Client.CoreV1.ReadNodeAsync("again-0", cancellationToken: Ct)).Metadata.Labels["topology.kubernetes.io/zone"]);
        Assert.Equal(3, second.RegisteredCount);
        await Eventually.TrueAsync(async () => (await LeaseAsync("again-2")) is not null, "the new node has a Lease");
    }

    [Fact]
    public async Task TwoFleetsWithDifferentPrefixes_RunSideBySide_EachLookingAfterItsOwnPods()
    {
        var ns = await fixture.NamespaceAsync("two-fleets");
        await using var red = await HollowFleets.StartAsync(fixture, HollowFleets.Options("red-", count: 2));
        await using var blue = await HollowFleets.StartAsync(fixture, HollowFleets.Options("blue-", count: 2) with { NodeIpRange = "10.241.0.0/16" });

        await HollowFleets.BindPodAsync(fixture.Client, ns, "on-red", "red-1");
        await HollowFleets.BindPodAsync(fixture.Client, ns, "on-blue", "blue-1");

        Assert.Equal("10.240.0.2", (await HollowFleets.RunningPodAsync(fixture.Client, ns, "on-red")).Status.HostIP);
        Assert.Equal("10.241.0.2", (await HollowFleets.RunningPodAsync(fixture.Client, ns, "on-blue")).Status.HostIP);
        Assert.Equal((1, 1), (red.PodsStarted, blue.PodsStarted));
    }

    [Fact]
    public async Task WithDeleteNodesOnExit_StoppingTheFleet_DeletesItsNodesAndLeases()
    {
        var fleet = await HollowFleets.StartAsync(fixture, HollowFleets.Options("gone-", count: 2) with { DeleteNodesOnExit = true });
        await Eventually.TrueAsync(async () => await LeaseAsync("gone-1") is not null, "the Leases exist");

        await fleet.DisposeAsync();

        var nodes = await fixture.Client.CoreV1.ListNodeAsync(cancellationToken: Ct);
        Assert.DoesNotContain(nodes.Items, n => n.Metadata.Name.StartsWith("gone-", StringComparison.Ordinal));
        Assert.Null(await LeaseAsync("gone-0"));
        Assert.Null(await LeaseAsync("gone-1"));
    }

    private async Task<V1Lease?> LeaseAsync(string name)
    {
        var leases = await fixture.Client.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease", fieldSelector: "metadata.name=" + name, cancellationToken: Ct);
        return leases.Items.SingleOrDefault();
    }
}
