namespace SharpKube.Dns.Tests;

public sealed class DnsAssemblyTests
{
    [Fact]
    public void TheDnsAssembly_Loads() => Assert.Equal("SharpKube.Dns", typeof(DnsAssembly).Assembly.GetName().Name);
}
