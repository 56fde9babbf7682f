using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Sandbox;
using SharpKube.Kubelet.Tests.Containers;

namespace SharpKube.Kubelet.Tests.Sandbox;

public sealed class SandboxConfigBuilderTests
{
    private static readonly PodConfigSettings Settings = new()
    {
        PodLogsRoot = "/var/log/pods",
        ClusterDnsIPs = ["10.96.0.10"],
        ClusterDomain = "cluster.local",
    };

    private static PodSandboxConfig Build(V1Pod pod, uint attempt = 0) =>
        SandboxConfigBuilder.Build(pod, Settings, attempt, PodDnsConfig.Build(pod, Settings, ResolvConf.Empty));

    [Fact]
    public void Build_APlainPod_FillsMetadataLogsLabelsAndAnnotations()
    {
        var pod = TestPods.Pod();
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
        pod.Metadata.Annotations = new Dictionary<string, string> { ["note"] = "x" };
        var config = Build(pod, attempt: 2);
        Assert.Equal(("web", "shop", pod.Metadata.Uid, 2u), (config.Metadata.Name, config.Metadata.Namespace, config.Metadata.Uid, config.Metadata.Attempt));
        Assert.Equal("web", config.Hostname);
        Assert.Equal($"/var/log/pods/shop_web_{pod.Metadata.Uid}", config.LogDirectory);
        Assert.Equal(new Dictionary<string, string>
        {
            ["app"] = "web",
            ["io.kubernetes.pod.name"] = "web",
            ["io.kubernetes.pod.namespace"] = "shop",
            ["io.kubernetes.pod.uid"] = pod.Metadata.Uid,
        }, config.Labels);
        Assert.Equal(new Dictionary<string, string> { ["note"] = "x" }, config.Annotations);
        Assert.Equal(["10.96.0.10"], config.DnsConfig.Servers);
    }

    [Theory]
    [InlineData(null, null, "/kubepods/besteffort/pod")]
    [InlineData("cpu=100m", null, "/kubepods/burstable/pod")]
    [InlineData(null, "cpu=1,memory=1Gi", "/kubepods/pod")]
    public void Build_ByQosClass_PicksTheCgroupParent(string? requests, string? limits, string prefix)
    {
        var pod = TestPods.Pod(TestPods.Container("app", requests, limits));
        Assert.Equal(prefix + pod.Metadata.Uid, Build(pod).Linux.CgroupParent);
    }

    [Fact]
    public void Build_DefaultNamespaces_ArePodNetworkPodIpcContainerPid()
    {
        var options = Build(TestPods.Pod()).Linux.SecurityContext.NamespaceOptions;
        Assert.Equal((NamespaceMode.Pod, NamespaceMode.Pod, NamespaceMode.Container), (options.Network, options.Ipc, options.Pid));
    }

    [Fact]
    public void Build_HostNetworkHostPidHostIpc_UseTheNodesNamespacesAndNoHostname()
    {
        var pod = TestPods.Pod();
        pod.Spec.HostNetwork = true;
        pod.Spec.HostPID = true;
        pod.Spec.HostIPC = true;
        var config = Build(pod);
        var options = config.Linux.SecurityContext.NamespaceOptions;
        Assert.Equal((NamespaceMode.Node, NamespaceMode.Node, NamespaceMode.Node), (options.Network, options.Ipc, options.Pid));
        Assert.Equal("", config.Hostname);
    }

    [Fact]
    public void Build_ShareProcessNamespace_SharesPidInThePod()
    {
        var pod = TestPods.Pod();
        pod.Spec.ShareProcessNamespace = true;
        Assert.Equal(NamespaceMode.Pod, Build(pod).Linux.SecurityContext.NamespaceOptions.Pid);
    }

    [Fact]
    public void Build_ALongHostname_IsCutTo63WithoutATrailingDash()
    {
        var pod = TestPods.Pod();
        pod.Metadata.Name = new string('a', 62) + "-bcd";
        Assert.Equal(new string('a', 62), Build(pod).Hostname);
    }

    [Fact]
    public void Build_SetHostnameAsFqdn_UsesHostnameSubdomainAndClusterDomain()
    {
        var pod = TestPods.Pod();
        pod.Spec.Hostname = "db-0";
        pod.Spec.Subdomain = "db";
        pod.Spec.SetHostnameAsFQDN = true;
        Assert.Equal("db-0.db.shop.svc.cluster.local", Build(pod).Hostname);
    }

    [Fact]
    public void Build_AnInvalidHostname_Fails()
    {
        var pod = TestPods.Pod();
        pod.Spec.Hostname = "Not_A_Label";
        Assert.Throws<SandboxConfigException>(() => Build(pod));
    }

    [Fact]
    public void Build_ContainerPorts_BecomePortMappingsOnceEach()
    {
        var first = TestPods.Container("a");
        first.Ports =
        [
            new V1ContainerPort { Name = "http", ContainerPort = 80, HostPort = 8080, Protocol = "TCP", HostIP = "127.0.0.1" },
            new V1ContainerPort { Name = "http", ContainerPort = 81, Protocol = "TCP" },
            new V1ContainerPort { ContainerPort = 53, HostPort = 5353, Protocol = "UDP" },
        ];
        var second = TestPods.Container("b");
        second.Ports = [new V1ContainerPort { ContainerPort = 9000, Protocol = "SCTP" }];
        var mappings = Build(TestPods.Pod(first, second)).PortMappings;
        Assert.Equal(
            [(Protocol.Tcp, 80, 8080, "127.0.0.1"), (Protocol.Udp, 53, 5353, ""), (Protocol.Sctp, 9000, 0, "")],
            mappings.Select(m => (m.Protocol, m.ContainerPort, m.HostPort, m.HostIp)));
    }

    [Fact]
    public void Build_PodSecurityContext_SetsUserGroupsSysctlsAndPinsSeccompToRuntimeDefault()
    {
        var app = TestPods.Container("app");
        app.SecurityContext = new V1SecurityContext { Privileged = true };
        var pod = TestPods.Pod(app);
        pod.Spec.SecurityContext = new V1PodSecurityContext
        {
            RunAsUser = 1000,
            RunAsGroup = 3000,
            FsGroup = 2000,
            SupplementalGroups = [4000, 5000],
            SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
            Sysctls = [new V1Sysctl { Name = "net.ipv4.ip_unprivileged_port_start", Value = "0" }, new V1Sysctl { Name = "net/ipv4/conf/eth0.100/rp_filter", Value = "1" }],
        };
        var linux = Build(pod).Linux;
        Assert.Equal(1000, linux.SecurityContext.RunAsUser.Value);
        Assert.Equal(3000, linux.SecurityContext.RunAsGroup.Value);
        Assert.Equal([2000L, 4000L, 5000L], linux.SecurityContext.SupplementalGroups);
        Assert.True(linux.SecurityContext.Privileged);
        Assert.Equal(SecurityProfile.Types.ProfileType.RuntimeDefault, linux.SecurityContext.Seccomp.ProfileType);
        Assert.Equal(new Dictionary<string, string>
        {
            ["net.ipv4.ip_unprivileged_port_start"] = "0",
            ["net.ipv4.conf.eth0/100.rp_filter"] = "1",
        }, linux.Sysctls);
    }

    [Fact]
    public async Task BuildAsync_WithAResolvConfOnDisk_ReturnsTheConfigAndNoWarnings()
    {
        var path = Path.Combine(Path.GetTempPath(), $"resolv-{Guid.NewGuid():N}.conf");
        try
        {
            await File.WriteAllTextAsync(path, "nameserver 192.0.2.1\nsearch lab.example\n", TestContext.Current.CancellationToken);
            var (config, warnings) = await SandboxConfigBuilder.BuildAsync(TestPods.Pod(), Settings with { ResolvConfPath = path }, 0, TestContext.Current.CancellationToken);
            Assert.Equal(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "lab.example"], config.DnsConfig.Searches);
            Assert.Empty(warnings);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
