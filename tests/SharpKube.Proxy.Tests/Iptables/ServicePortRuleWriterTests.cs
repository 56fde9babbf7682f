using System.Net;
using SharpKube.Proxy.Iptables;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Tests.Iptables;

public sealed class ServicePortRuleWriterTests
{
    private static readonly IPAddress[] Pods = [IPAddress.Parse("10.42.0.10"), IPAddress.Parse("10.42.0.11"), IPAddress.Parse("10.42.0.12")];
    private readonly ServicePortRuleWriter _writer = new("10.42.0.0/16");

    [Fact]
    public void ClusterIP_WithThreeEndpoints_SpreadsWithDecreasingProbabilities()
    {
        var service = TestStates.Service("web", "10.43.0.20");
        var rules = _writer.Write(service, Pods.Select(p => TestStates.Ready(p)).ToList());
        var svc = ChainNames.Service(service.Name);

        Assert.Contains($"-A KUBE-SERVICES -m comment --comment \"default/web cluster IP\" -p tcp -m tcp -d 10.43.0.20 --dport 80 -j {svc}\n", rules.NatServices);
        Assert.Contains($"-A {svc} -m comment --comment \"default/web cluster IP\" -p tcp -m tcp -d 10.43.0.20 --dport 80 ! -s 10.42.0.0/16 -j KUBE-MARK-MASQ\n", rules.NatChainRules);
        Assert.Contains("-m statistic --mode random --probability 0.3333333333 -j", rules.NatChainRules);
        Assert.Contains("-m statistic --mode random --probability 0.5000000000 -j", rules.NatChainRules);
        Assert.Contains("-A KUBE-SEP-", rules.NatChainRules);
        Assert.Contains("-j DNAT --to-destination 10.42.0.12:8080\n", rules.NatChainRules);
        Assert.Equal(4, rules.NatChains.Count);
        Assert.Empty(rules.FilterServices);
    }

    [Fact]
    public void ServiceWithoutEndpoints_IsRejectedInTheFilterTableAndHasNoChains()
    {
        var service = TestStates.Service("empty", "10.43.0.21") with { NodePort = 30021 };
        var rules = _writer.Write(service, []);

        Assert.Empty(rules.NatChains);
        Assert.Empty(rules.NatServices);
        Assert.Equal("-A KUBE-SERVICES -m comment --comment \"default/empty has no endpoints\" -p tcp -m tcp -d 10.43.0.21 --dport 80 -j REJECT\n", rules.FilterServices);
        Assert.Contains("-m addrtype --dst-type LOCAL -p tcp -m tcp --dport 30021 -j REJECT", rules.FilterExternalServices);
    }

    [Fact]
    public void ClientIPAffinity_ChecksRecentClientsBeforeBalancing()
    {
        var service = TestStates.Service("sticky", "10.43.0.22") with { StickySeconds = 600 };
        var rules = _writer.Write(service, Pods.Select(p => TestStates.Ready(p)).ToList());
        var sep = ChainNames.Endpoint(service.Name, TestStates.Ready(Pods[0]));

        var check = rules.NatChainRules.IndexOf($"-m recent --name {sep} --rcheck --seconds 600 --reap -j {sep}", StringComparison.Ordinal);
        var balance = rules.NatChainRules.IndexOf("-m statistic", StringComparison.Ordinal);
        Assert.InRange(check, 0, balance);
        Assert.Contains($"-m recent --name {sep} --set -p tcp -m tcp -j DNAT --to-destination 10.42.0.10:8080", rules.NatChainRules);
    }

    [Fact]
    public void NodePort_WithClusterPolicy_MasqueradesInItsExternalChain()
    {
        var service = TestStates.Service("np", "10.43.0.23") with { NodePort = 30080 };
        var rules = _writer.Write(service, [TestStates.Ready(Pods[0])]);
        var ext = ChainNames.External(service.Name);

        Assert.Equal($"-A KUBE-NODEPORTS -m comment --comment default/np -p tcp -m tcp --dport 30080 -j {ext}\n", rules.NatNodePorts);
        Assert.Contains($"-A {ext} -m comment --comment \"masquerade traffic for default/np external destinations\" -j KUBE-MARK-MASQ\n-A {ext} -j {ChainNames.Service(service.Name)}\n", rules.NatChainRules);
    }

    [Fact]
    public void ExternalPolicyLocal_SendsOffNodeTrafficToLocalEndpointsOnly()
    {
        var service = TestStates.Service("local", "10.43.0.24") with { NodePort = 30081, ExternalPolicyLocal = true, HealthCheckNodePort = 32000 };
        var rules = _writer.Write(service, [TestStates.Ready(Pods[0], local: true), TestStates.Ready(Pods[1], local: false)]);
        var ext = ChainNames.External(service.Name);
        var svl = ChainNames.LocalService(service.Name);

        Assert.Contains($"-A {ext} -m comment --comment \"pod traffic for default/local external destinations\" -s 10.42.0.0/16 -j {ChainNames.Service(service.Name)}\n", rules.NatChainRules);
        Assert.Contains($"-A {ext} -j {svl}\n", rules.NatChainRules);
        Assert.DoesNotContain($"-A {ext} -m comment --comment \"masquerade traffic", rules.NatChainRules);
        var localChain = rules.NatChainRules.Split('\n').Where(l => l.StartsWith($"-A {svl} ", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"-A {svl} -m comment --comment \"default/local -> 10.42.0.10:8080\" -j {ChainNames.Endpoint(service.Name, TestStates.Ready(Pods[0]))}"], localChain);
        Assert.Contains("--dport 32000 -j ACCEPT", rules.FilterNodePorts);
    }

    [Fact]
    public void ExternalPolicyLocal_WithoutLocalEndpoints_DropsExternalTrafficButServesTheClusterIP()
    {
        var service = TestStates.Service("remote", "10.43.0.25") with { NodePort = 30082, ExternalPolicyLocal = true };
        var rules = _writer.Write(service, [TestStates.Ready(Pods[1], local: false)]);

        Assert.Contains("-j KUBE-SVC-", rules.NatServices);
        Assert.Contains("\"default/remote has no local endpoints\" -m addrtype --dst-type LOCAL -p tcp -m tcp --dport 30082 -j DROP", rules.FilterExternalServices);
        Assert.DoesNotContain("KUBE-SVL-", rules.NatChainRules);
    }

    [Fact]
    public void TerminatingEndpoints_AreUsedOnlyWhenNoneIsReady()
    {
        var service = TestStates.Service("t", "10.43.0.26");
        var mixed = _writer.Write(service, [TestStates.Ready(Pods[0]), TestStates.Terminating(Pods[1])]);
        var onlyTerminating = _writer.Write(service, [TestStates.Terminating(Pods[1])]);

        Assert.DoesNotContain("10.42.0.11", mixed.NatChainRules);
        Assert.Contains("--to-destination 10.42.0.11:8080", onlyTerminating.NatChainRules);
    }

    [Fact]
    public void ExternalAndLoadBalancerIPs_JumpToTheExternalChain()
    {
        var service = TestStates.Service("lb", "10.43.0.27") with
        {
            ExternalIPs = [IPAddress.Parse("172.16.0.5")],
            LoadBalancerIPs = [IPAddress.Parse("192.168.100.1")],
            NodePort = 30083,
        };
        var rules = _writer.Write(service, [TestStates.Ready(Pods[0])]);
        var ext = ChainNames.External(service.Name);

        Assert.Contains($"\"default/lb external IP\" -p tcp -m tcp -d 172.16.0.5 --dport 80 -j {ext}", rules.NatServices);
        Assert.Contains($"\"default/lb loadbalancer IP\" -p tcp -m tcp -d 192.168.100.1 --dport 80 -j {ext}", rules.NatServices);
    }

    [Fact]
    public void Udp_And_Sctp_UseTheirProtocolMatches()
    {
        var udp = _writer.Write(TestStates.Service("dns", "10.43.0.10", 53, ServiceProtocol.Udp), [TestStates.Ready(Pods[0], 5353)]);
        var sctp = _writer.Write(TestStates.Service("s", "10.43.0.28", 9, ServiceProtocol.Sctp), [TestStates.Ready(Pods[0], 9)]);

        Assert.Contains("-p udp -m udp -d 10.43.0.10 --dport 53", udp.NatServices);
        Assert.Contains("-p sctp -m sctp -d 10.43.0.28 --dport 9", sctp.NatServices);
    }
}
