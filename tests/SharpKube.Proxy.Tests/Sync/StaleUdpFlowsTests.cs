using System.Net;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Sync;
using static SharpKube.Proxy.Tests.Iptables.TestStates;

namespace SharpKube.Proxy.Tests.Sync;

public sealed class StaleUdpFlowsTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.42.0.10");
    private static readonly IPAddress B = IPAddress.Parse("10.42.0.11");

    [Fact]
    public void RemovedUdpEndpoint_ClearsFlowsToItThroughTheServiceIPAndNodePort()
    {
        var service = Service("dns", "10.43.0.10", 53, ServiceProtocol.Udp) with { NodePort = 30053 };
        var commands = StaleUdpFlows.Commands(State(service, [Ready(A, 53), Ready(B, 53)]), State(service, [Ready(B, 53)], new HashSet<string> { "default/dns" }));

        Assert.Equal([
            ["-D", "--orig-dst", "10.43.0.10", "--dst-nat", "10.42.0.10", "-p", "udp"],
            ["-D", "-p", "udp", "--orig-port-dst", "30053", "--dst-nat", "10.42.0.10"],
        ], commands);
    }

    [Fact]
    public void UdpServiceGettingEndpoints_ClearsItsUnNatedFlows_ButTcpServicesAreLeftAlone()
    {
        var udp = Service("dns", "10.43.0.10", 53, ServiceProtocol.Udp);
        var tcp = Service("web", "10.43.0.20", 80);
        var before = State([(udp, []), (tcp, [Ready(A)])]);
        var after = State([(udp, [Ready(A, 53)]), (tcp, [Ready(B)])]);

        Assert.Equal([["-D", "--orig-dst", "10.43.0.10", "-p", "udp"]], StaleUdpFlows.Commands(before, after));
    }
}
