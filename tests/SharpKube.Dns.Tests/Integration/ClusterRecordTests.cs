using k8s;
using k8s.Models;
using SharpKube.Dns.Tests.Fixtures;

namespace SharpKube.Dns.Tests.Integration;

/// <summary>Every record kind of the Kubernetes DNS specification, asked with the real dig of a server fed by a real API server.</summary>
[Collection(ClusterDnsCollection.Name)]
public sealed class ClusterRecordTests(ClusterDnsFixture fixture)
{
    private readonly Dig _dig = fixture.Dig;

    [Fact]
    public async Task ClusterIpService_AnswersItsClusterIp()
    {
        var ns = await fixture.NamespaceAsync("rec-clusterip");
        var service = await TestServices.ClusterIpAsync(fixture.Client, ns, "web");
        var name = $"web.{ns}.svc.cluster.local";
        await Eventually.TrueAsync(async () => (await _dig.ShortAsync(name)).SequenceEqual([service.Spec.ClusterIP]), "the service resolves");
        Assert.Equal("NOERROR", await _dig.StatusAsync(name));
        var full = await _dig.FullAsync(name);
        Assert.Contains("flags: qr aa rd ra", full, StringComparison.Ordinal);
        Assert.Matches(@"web\.rec-clusterip\.svc\.cluster\.local\.\s+5\s+IN\s+A", full);
    }

    [Fact]
    public async Task ClusterIpService_HasNoAaaaRecord_AndAnswersNodataWithSoa()
    {
        var ns = await fixture.NamespaceAsync("rec-nodata");
        await TestServices.ClusterIpAsync(fixture.Client, ns, "web");
        var name = $"web.{ns}.svc.cluster.local";
        await Eventually.TrueAsync(async () => (await _dig.ShortAsync(name)).Length == 1, "the service resolves");
        var full = await _dig.FullAsync(name, "AAAA");
        Assert.Contains("status: NOERROR", full, StringComparison.Ordinal);
        Assert.Contains("ANSWER: 0", full, StringComparison.Ordinal);
        Assert.Matches(@"cluster\.local\.\s+5\s+IN\s+SOA\s+ns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 5", full);
    }

    [Fact]
    public async Task NamedPort_HasAnSrvRecordTargetingTheService()
    {
        var ns = await fixture.NamespaceAsync("rec-srv");
        await TestServices.ClusterIpAsync(fixture.Client, ns, "web");
        await Eventually.TrueAsync(async () => (await _dig.ShortAsync($"_http._tcp.web.{ns}.svc.cluster.local", "SRV"))
            .SequenceEqual([$"0 100 80 web.{ns}.svc.cluster.local."]), "the SRV record is served");
        Assert.Equal([$"0 100 53 web.{ns}.svc.cluster.local."], await _dig.ShortAsync($"_dns._udp.web.{ns}.svc.cluster.local", "SRV"));
        // The protocol label exists as an empty non-terminal; a wrong port name does not exist.
        Assert.Equal("NOERROR", await _dig.StatusAsync($"_tcp.web.{ns}.svc.cluster.local", "SRV"));
        Assert.Equal("NXDOMAIN", await _dig.StatusAsync($"_nope._tcp.web.{ns}.svc.cluster.local", "SRV"));
    }

    [Fact]
    public async Task HeadlessService_AnswersItsReadyEndpoints_AndNamesEndpointsWithHostnames()
    {
        var ns = await fixture.NamespaceAsync("rec-headless");
        await TestServices.HeadlessAsync(fixture.Client, ns, "db");
        await TestServices.SliceAsync(fixture.Client, ns, "db", "db-1", ("10.42.0.11", "db-0", true), ("10.42.0.12", null, true), ("10.42.0.13", "db-2", false));
        var name = $"db.{ns}.svc.cluster.local";
        await Eventually.TrueAsync(async () => (await _dig.ShortAsync(name)).SequenceEqual(["10.42.0.11", "10.42.0.12"]), "the ready endpoints resolve");
        Assert.Equal(["10.42.0.11"], await _dig.ShortAsync($"db-0.{name}"));
        Assert.Equal(["10.42.0.12"], await _dig.ShortAsync($"10-42-0-12.{name}"));
        Assert.Equal("NXDOMAIN", await _dig.StatusAsync($"db-2.{name}"));
        Assert.Equal([$"0 50 8080 10-42-0-12.{name}.", $"0 50 8080 db-0.{name}."], await _dig.ShortAsync($"_http._tcp.{name}", "SRV"));
        var srv = await _dig.FullAsync($"_http._tcp.{name}", "SRV");
        Assert.Matches(@"ADDITIONAL: [2-9]", srv);
        Assert.Matches($@"db-0\.{ns}\.*.*IN\s+A\s+10\.42\.0\.11", srv.Replace($"db-0.db.{ns}", $"db-0.{ns}", StringComparison.Ordinal));
        Assert.Equal([$"db-0.{name}."], await _dig.ShortAsync("11.0.42.10.in-addr.arpa", "PTR"));
    }

    [Fact]
    public async Task HeadlessService_PublishingNotReadyAddresses_AnswersThemToo()
    {
        var ns = await fixture.NamespaceAsync("rec-notready");
        await TestServices.HeadlessAsync(fixture.Client, ns, "peers", publishNotReady: true);
        await TestServices.SliceAsync(fixture.Client, ns, "peers", "peers-1", ("10.42.1.1", null, true), ("10.42.1.2", null, false));
        await Eventually.TrueAsync(async () => (await _dig.ShortAsync($"peers.{ns}.svc.cluster.local")).SequenceEqual(["10.42.1.1", "10.42.1.2"]),
            "both endpoints resolve");
    }

    [Fact]
    public async Task ExternalNameService_AnswersACname()
    {
        var ns = await fixture.NamespaceAsync("rec-external");
        await fixture.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "ext" },
            Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = "example.com" },
        }, ns, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => (await _dig.ShortAsync($"ext.{ns}.svc.cluster.local", "CNAME")).SequenceEqual(["example.com."]),
            "the CNAME is served");
        var full = await _dig.FullAsync($"ext.{ns}.svc.cluster.local", "A");
        Assert.Matches(@"IN\s+CNAME\s+example\.com\.", full);
    }

    [Fact]
    public async Task ClusterIp_HasAPtrRecordNamingTheService()
    {
        var ns = await fixture.NamespaceAsync("rec-ptr");
        var service = await TestServices.ClusterIpAsync(fixture.Client, ns, "web");
        var octets = service.Spec.ClusterIP.Split('.');
        var reverse = $"{octets[3]}.{octets[2]}.{octets[1]}.{octets[0]}.in-addr.arpa";
        await Eventually.TrueAsync(async () => (await _dig.ShortAsync(reverse, "PTR")).SequenceEqual([$"web.{ns}.svc.cluster.local."]), "the PTR is served");
        Assert.Equal([$"web.{ns}.svc.cluster.local."], await _dig.ShortAsync("-x", service.Spec.ClusterIP));
    }

    [Fact]
    public async Task UnknownAddressInTheServiceNetwork_IsNxdomainAnsweredLocally()
    {
        var full = await _dig.FullAsync("250.250.43.10.in-addr.arpa", "PTR");
        Assert.Contains("status: NXDOMAIN", full, StringComparison.Ordinal);
        Assert.Matches(@"43\.10\.in-addr\.arpa\.\s+5\s+IN\s+SOA", full);
        Assert.Equal(0, fixture.Upstream.QueriesFor("250.250.43.10.in-addr.arpa"));
    }

    [Fact]
    public async Task PodName_IsAnsweredFromTheNameAlone()
    {
        Assert.Equal(["10.42.3.4"], await _dig.ShortAsync("10-42-3-4.default.pod.cluster.local"));
        Assert.Equal("NOERROR", await _dig.StatusAsync("10-42-3-4.default.pod.cluster.local", "AAAA"));
        Assert.Equal("NXDOMAIN", await _dig.StatusAsync("not-an-ip.default.pod.cluster.local"));
    }

    [Fact]
    public async Task DnsVersion_IsServedAsTxt()
    {
        Assert.Equal(["\"1.1.0\""], await _dig.ShortAsync("dns-version.cluster.local", "TXT"));
    }

    [Fact]
    public async Task EmptyNonTerminals_AreNodata_AndUnknownNamesNxdomain()
    {
        var ns = await fixture.NamespaceAsync("rec-ent");
        await Eventually.TrueAsync(async () => await _dig.StatusAsync($"{ns}.svc.cluster.local") == "NOERROR", "the namespace exists in DNS");
        Assert.Equal("NOERROR", await _dig.StatusAsync("svc.cluster.local"));
        Assert.Equal("NOERROR", await _dig.StatusAsync("pod.cluster.local"));
        Assert.Equal("NOERROR", await _dig.StatusAsync("cluster.local", "A"));
        Assert.Equal(["ns.dns.cluster.local."], await _dig.ShortAsync("cluster.local", "NS"));
        Assert.Equal("NXDOMAIN", await _dig.StatusAsync("nope.svc.cluster.local"));
        Assert.Equal("NXDOMAIN", await _dig.StatusAsync($"nope.{ns}.svc.cluster.local"));
        Assert.Equal("NXDOMAIN", await _dig.StatusAsync("something.cluster.local"));
        var nx = await _dig.FullAsync($"nope.{ns}.svc.cluster.local");
        Assert.Matches(@"AUTHORITY: 1", nx);
    }

    [Fact]
    public async Task ServiceChanges_ShowUpInAnswers()
    {
        var ns = await fixture.NamespaceAsync("rec-updates");
        await TestServices.HeadlessAsync(fixture.Client, ns, "api");
        var name = $"api.{ns}.svc.cluster.local";
        // Asked (and cached as NODATA) before any endpoint exists.
        await Eventually.TrueAsync(async () => await _dig.StatusAsync(name) == "NOERROR", "the headless service exists");
        Assert.Empty(await _dig.ShortAsync(name));
        var slice = await TestServices.SliceAsync(fixture.Client, ns, "api", "api-1", ("10.42.2.1", null, true));
        await Eventually.TrueAsync(async () => (await _dig.ShortAsync(name)).SequenceEqual(["10.42.2.1"]), "the new endpoint resolves");
        slice.Endpoints = [new V1Endpoint { Addresses = ["10.42.2.9"], Conditions = new V1EndpointConditions { Ready = true } }];
        await fixture.Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(slice, slice.Metadata.Name, ns,
            cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => (await _dig.ShortAsync(name)).SequenceEqual(["10.42.2.9"]), "the changed endpoint resolves");
        await fixture.Client.CoreV1.DeleteNamespacedServiceAsync("api", ns, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => await _dig.StatusAsync(name) == "NXDOMAIN", "the deleted service is gone");
    }

    [Fact]
    public async Task TcpQueries_AreAnsweredOverTcp()
    {
        Assert.Equal(["\"1.1.0\""], await _dig.ShortAsync("dns-version.cluster.local", "TXT", "+tcp"));
        Assert.Equal(["192.0.2.7"], await _dig.ShortAsync("external.test", "A", "+tcp"));
    }

    [Fact]
    public async Task QuestionCase_IsEchoedAsAsked()
    {
        var full = await _dig.FullAsync("DNS-Version.Cluster.LOCAL", "TXT");
        Assert.Contains(";DNS-Version.Cluster.LOCAL.", full, StringComparison.Ordinal);
        Assert.Contains("\"1.1.0\"", full, StringComparison.Ordinal);
        Assert.DoesNotContain("mismatch", full, StringComparison.Ordinal);
    }
}
