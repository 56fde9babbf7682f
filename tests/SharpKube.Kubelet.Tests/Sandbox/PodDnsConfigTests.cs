using k8s.Models;
using SharpKube.Kubelet.Sandbox;
using SharpKube.Kubelet.Tests.Containers;

namespace SharpKube.Kubelet.Tests.Sandbox;

public sealed class PodDnsConfigTests
{
    private static readonly PodConfigSettings Settings = new() { ClusterDnsIPs = ["10.96.0.10"], ClusterDomain = "cluster.local" };

    private static readonly ResolvConf Host = new(["192.0.2.53"], ["corp.example", "cluster.local"], ["timeout:2"]);

    private static V1Pod Pod(string? policy, bool hostNetwork = false)
    {
        var pod = TestPods.Pod();
        pod.Spec.DnsPolicy = policy;
        pod.Spec.HostNetwork = hostNetwork;
        return pod;
    }

    [Fact]
    public void Build_ClusterFirst_UsesClusterDnsAndSearchesBeforeTheHosts()
    {
        var dns = PodDnsConfig.Build(Pod("ClusterFirst"), Settings, Host);
        Assert.Equal(["10.96.0.10"], dns.Config.Servers);
        Assert.Equal(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"], dns.Config.Searches);
        Assert.Equal(["ndots:5"], dns.Config.Options);
        Assert.Empty(dns.Warnings);
    }

    [Fact]
    public void Build_ClusterFirstOnTheHostNetwork_FallsBackToTheHost()
    {
        var dns = PodDnsConfig.Build(Pod("ClusterFirst", hostNetwork: true), Settings, Host);
        Assert.Equal(["192.0.2.53"], dns.Config.Servers);
        Assert.Equal(["corp.example", "cluster.local"], dns.Config.Searches);
        Assert.Equal(["timeout:2"], dns.Config.Options);
    }

    [Fact]
    public void Build_ClusterFirstWithHostNet_UsesClusterDnsOnTheHostNetwork() =>
        Assert.Equal(["10.96.0.10"], PodDnsConfig.Build(Pod("ClusterFirstWithHostNet", hostNetwork: true), Settings, Host).Config.Servers);

    [Fact]
    public void Build_Default_CopiesTheHost()
    {
        var dns = PodDnsConfig.Build(Pod("Default"), Settings, Host);
        Assert.Equal(["192.0.2.53"], dns.Config.Servers);
        Assert.Equal(["timeout:2"], dns.Config.Options);
    }

    [Fact]
    public void Build_ClusterFirstWithoutClusterDns_FallsBackToTheHostWithAWarning()
    {
        var dns = PodDnsConfig.Build(Pod("ClusterFirst"), Settings with { ClusterDnsIPs = [] }, Host);
        Assert.Equal(["192.0.2.53"], dns.Config.Servers);
        Assert.Contains("Falling back to \"Default\" policy", Assert.Single(dns.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DefaultWithoutAResolvConf_ResolvesThroughLocalhost()
    {
        var dns = PodDnsConfig.Build(Pod("Default"), Settings with { ResolvConfPath = "" }, ResolvConf.Empty);
        Assert.Equal(["127.0.0.1"], dns.Config.Servers);
        Assert.Equal(["."], dns.Config.Searches);
    }

    [Fact]
    public void Build_NoneWithDnsConfig_UsesOnlyThePodsConfig()
    {
        var pod = Pod("None");
        pod.Spec.DnsConfig = new V1PodDNSConfig
        {
            Nameservers = ["1.1.1.1"],
            Searches = ["a.example"],
            Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "2" }, new V1PodDNSConfigOption { Name = "edns0" }],
        };
        var dns = PodDnsConfig.Build(pod, Settings, Host);
        Assert.Equal(["1.1.1.1"], dns.Config.Servers);
        Assert.Equal(["a.example"], dns.Config.Searches);
        Assert.Equal(["ndots:2", "edns0"], dns.Config.Options);
    }

    [Fact]
    public void Build_ClusterFirstWithDnsConfig_MergesWithoutRepeatsAndOverridesOptions()
    {
        var pod = Pod("ClusterFirst");
        pod.Spec.DnsConfig = new V1PodDNSConfig
        {
            Nameservers = ["10.96.0.10", "1.1.1.1"],
            Searches = ["svc.cluster.local", "extra.example"],
            Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "1" }, new V1PodDNSConfigOption { Name = "single-request" }],
        };
        var dns = PodDnsConfig.Build(pod, Settings, Host);
        Assert.Equal(["10.96.0.10", "1.1.1.1"], dns.Config.Servers);
        Assert.Equal(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example", "extra.example"], dns.Config.Searches);
        Assert.Equal(["ndots:1", "single-request"], dns.Config.Options);
    }

    [Fact]
    public void Build_MoreThanThreeNameservers_KeepsThreeAndWarns()
    {
        var pod = Pod("None");
        pod.Spec.DnsConfig = new V1PodDNSConfig { Nameservers = ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"] };
        var dns = PodDnsConfig.Build(pod, Settings, Host);
        Assert.Equal(["1.1.1.1", "2.2.2.2", "3.3.3.3"], dns.Config.Servers);
        Assert.Equal("Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 1.1.1.1 2.2.2.2 3.3.3.3",
            Assert.Single(dns.Warnings));
    }

    [Fact]
    public void Build_MoreThan32Searches_Keeps32AndWarns()
    {
        var pod = Pod("None");
        pod.Spec.DnsConfig = new V1PodDNSConfig { Searches = Enumerable.Range(0, 40).Select(i => $"d{i}.example").ToList() };
        var dns = PodDnsConfig.Build(pod, Settings, Host);
        Assert.Equal(32, dns.Config.Searches.Count);
        Assert.Equal("d31.example", dns.Config.Searches[^1]);
        Assert.StartsWith("Search Line limits were exceeded, some search paths have been omitted, the applied search line is: d0.example d1.example",
            Assert.Single(dns.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ASearchLineOver2048Characters_DropsDomainsFromTheEnd()
    {
        // 10 domains of 250 characters: 2509 with spaces; dropping two leaves 2007.
        var domains = Enumerable.Range(0, 10).Select(i => $"{i}{new string('a', 249)}").ToList();
        var pod = Pod("None");
        pod.Spec.DnsConfig = new V1PodDNSConfig { Searches = [.. domains, new string('b', 254)] };
        var dns = PodDnsConfig.Build(pod, Settings, Host);
        Assert.Equal(domains.Take(8), dns.Config.Searches);
        Assert.Single(dns.Warnings);
    }

    [Fact]
    public async Task BuildAsync_DefaultPolicy_ReadsTheHostResolvConf()
    {
        var path = Path.Combine(Path.GetTempPath(), $"resolv-{Guid.NewGuid():N}.conf");
        try
        {
            await File.WriteAllTextAsync(path, "nameserver 198.51.100.1\nsearch home.example\noptions edns0\n", TestContext.Current.CancellationToken);
            var dns = await PodDnsConfig.BuildAsync(Pod("Default"), Settings with { ResolvConfPath = path }, TestContext.Current.CancellationToken);
            Assert.Equal(["198.51.100.1"], dns.Config.Servers);
            Assert.Equal(["home.example"], dns.Config.Searches);
            Assert.Equal(["edns0"], dns.Config.Options);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task BuildAsync_AMissingResolvConf_FailsTheSandboxConfig() =>
        await Assert.ThrowsAsync<SandboxConfigException>(() => PodDnsConfig.BuildAsync(
            Pod("Default"), Settings with { ResolvConfPath = "/nonexistent/resolv.conf" }, TestContext.Current.CancellationToken));
}
