using k8s.Models;
using SharpKube.Kubelet.Hosting;
using SharpKube.Kubelet.Node;

namespace SharpKube.Kubelet.Tests.Node;

public sealed class KubeletNodeTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly MachineInfo Machine = new(
        Cpus: 4,
        MemoryBytes: 8L * 1024 * 1024 * 1024,
        EphemeralStorageBytes: 100_000_000_000,
        MachineId: "5d1c0d2cbd1d4d4f9b8a7e6f5a4b3c2d",
        SystemUuid: "8f6a2c1e-0000-4000-8000-00000000beef",
        BootId: "1b2c3d4e-0000-4000-8000-000000000001",
        KernelVersion: "6.1.0-18-amd64",
        OsImage: "Debian GNU/Linux 12 (bookworm)",
        Architecture: "amd64");

    private static readonly KubeletOptions Options = new()
    {
        AgentDir = "/var/lib/sharpkube/agent",
        NodeName = "worker-1",
        NodeLabels = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = "lab", ["kubernetes.io/os"] = "windows" },
        Port = 10250,
        MaxPods = 110,
    };

    [Fact]
    public void Capacity_IsTheMachinesWithPodsAndNoHugepages()
    {
        var capacity = new KubeletNode(Options, Machine, "192.168.5.20").Capacity();

        Assert.Equal(4m, capacity["cpu"].ToDecimal());
        Assert.Equal(8m * 1024 * 1024 * 1024, capacity["memory"].ToDecimal());
        Assert.Equal(97_656_250m * 1024, capacity["ephemeral-storage"].ToDecimal());
        Assert.Equal(110m, capacity["pods"].ToDecimal());
        Assert.Equal(0m, capacity["hugepages-1Gi"].ToDecimal());
        Assert.Equal(0m, capacity["hugepages-2Mi"].ToDecimal());
    }

    [Fact]
    public void Allocatable_KeepsTheHardEvictionThresholdsOut()
    {
        var allocatable = new KubeletNode(Options, Machine, "192.168.5.20").Allocatable();

        Assert.Equal(4m, allocatable["cpu"].ToDecimal());
        Assert.Equal((8m * 1024 * 1024 * 1024) - (100m * 1024 * 1024), allocatable["memory"].ToDecimal());
        Assert.Equal(90_000_000_000m, allocatable["ephemeral-storage"].ToDecimal());
        Assert.Equal(110m, allocatable["pods"].ToDecimal());
    }

    [Fact]
    public void Allocatable_OfATinyMachine_IsNeverNegative()
    {
        var tiny = Machine with { MemoryBytes = 50L * 1024 * 1024 };

        Assert.Equal(0m, new KubeletNode(Options, tiny, "10.0.0.1").Allocatable()["memory"].ToDecimal());
    }

    [Fact]
    public void Labels_HaveHostnameOsAndArchOverTheConfiguredOnes()
    {
        var labels = new KubeletNode(Options, Machine, "192.168.5.20").Labels();

        Assert.Equal("worker-1", labels["kubernetes.io/hostname"]);
        Assert.Equal("linux", labels["kubernetes.io/os"]);
        Assert.Equal("amd64", labels["kubernetes.io/arch"]);
        Assert.Equal("linux", labels["beta.kubernetes.io/os"]);
        Assert.Equal("amd64", labels["beta.kubernetes.io/arch"]);
        Assert.Equal("lab", labels["topology.kubernetes.io/zone"]);
    }

    [Fact]
    public void Build_IsARegistrableNodeWithItsStatus()
    {
        var node = new KubeletNode(Options, Machine, "192.168.5.20").Build(Now, "containerd://1.6.20", null);

        Assert.Equal("v1", node.ApiVersion);
        Assert.Equal("Node", node.Kind);
        Assert.Equal("worker-1", node.Metadata.Name);
        Assert.Equal("true", node.Metadata.Annotations["volumes.kubernetes.io/controller-managed-attach-detach"]);
        Assert.Equal("worker-1", node.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("True", Assert.Single(node.Status.Conditions, c => c.Type == "Ready").Status);
        Assert.Empty(node.Status.Images);
    }

    [Fact]
    public void Status_ReportsAddressesEndpointAndNodeInfo()
    {
        var status = new KubeletNode(Options, Machine, "192.168.5.20").Status(Now, "containerd://1.6.20", "container runtime is down: x", NodePressure.None, null,
            [new V1ContainerImage { Names = ["docker.io/library/busybox:1.36"], SizeBytes = 1_000_000 }]);

        Assert.Equal([("InternalIP", "192.168.5.20"), ("Hostname", "worker-1")], status.Addresses.Select(a => (a.Type, a.Address)));
        Assert.Equal(10250, status.DaemonEndpoints.KubeletEndpoint.Port);
        var info = status.NodeInfo;
        Assert.Equal(Machine.MachineId, info.MachineID);
        Assert.Equal(Machine.SystemUuid, info.SystemUUID);
        Assert.Equal(Machine.BootId, info.BootID);
        Assert.Equal("6.1.0-18-amd64", info.KernelVersion);
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", info.OsImage);
        Assert.Equal("containerd://1.6.20", info.ContainerRuntimeVersion);
        Assert.Equal(KubeletNode.KubeletVersion, info.KubeletVersion);
        Assert.StartsWith("v1.", info.KubeletVersion);
        Assert.Equal("linux", info.OperatingSystem);
        Assert.Equal("amd64", info.Architecture);
        Assert.Equal("False", Assert.Single(status.Conditions, c => c.Type == "Ready").Status);
        Assert.Single(status.Images);
    }

    [Fact]
    public void Status_KeepsConditionTransitionTimesFromTheCurrentNode()
    {
        var kubelet = new KubeletNode(Options, Machine, "192.168.5.20");
        var earlier = Now.AddHours(-1);
        var first = kubelet.Status(earlier, "containerd://1.6.20", null, NodePressure.None, null, []);

        var status = kubelet.Status(Now, "containerd://1.6.20", null, NodePressure.None, first.Conditions, []);

        Assert.All(status.Conditions, c => Assert.Equal(earlier, c.LastTransitionTime));
    }
}
