using SharpKube.Proxy.Iptables;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Tests.Iptables;

public sealed class ChainNamesTests
{
    [Theory]
    [InlineData("default", "kubernetes", "https", ServiceProtocol.Tcp, "KUBE-SVC-NPX46M4PTMTKRN6Y")]
    [InlineData("kube-system", "kube-dns", "dns", ServiceProtocol.Udp, "KUBE-SVC-TCOU7JCQXEZGVUNU")]
    [InlineData("kube-system", "kube-dns", "dns-tcp", ServiceProtocol.Tcp, "KUBE-SVC-ERIFXISQEP7F7OF4")]
    [InlineData("kube-system", "kube-dns", "metrics", ServiceProtocol.Tcp, "KUBE-SVC-JD5MR3NA4I4DYORP")]
    public void ServiceChain_IsNamedAsUpstreamNamesIt(string ns, string name, string port, ServiceProtocol protocol, string expected) =>
        Assert.Equal(expected, ChainNames.Service(new ServicePortName(ns, name, port, protocol)));

    [Fact]
    public void EndpointChains_DifferPerEndpointAndFitIptablesNameLimit()
    {
        var name = new ServicePortName("default", "web", "", ServiceProtocol.Tcp);
        var a = ChainNames.Endpoint(name, TestStates.Ready(System.Net.IPAddress.Parse("10.42.0.10")));
        var b = ChainNames.Endpoint(name, TestStates.Ready(System.Net.IPAddress.Parse("10.42.0.11")));
        Assert.NotEqual(a, b);
        Assert.StartsWith("KUBE-SEP-", a);
        Assert.True(a.Length <= 28);
    }
}
