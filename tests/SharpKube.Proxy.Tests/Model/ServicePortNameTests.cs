using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Tests.Model;

public sealed class ServicePortNameTests
{
    [Fact]
    public void ToString_OfAnUnnamedPort_IsTheServiceKey() =>
        Assert.Equal("default/web", new ServicePortName("default", "web", "", ServiceProtocol.Tcp).ToString());

    [Fact]
    public void ToString_OfANamedPort_AppendsThePortName() =>
        Assert.Equal("default/web:http", new ServicePortName("default", "web", "http", ServiceProtocol.Tcp).ToString());
}
