using SharpKube.Dns.Tests.Fixtures;

namespace SharpKube.Dns.Tests.Integration;

/// <summary>An answer larger than the client's UDP limit is sent truncated, and whole over TCP.</summary>
[Collection(ClusterDnsCollection.Name)]
public sealed class TruncationTests(ClusterDnsFixture fixture)
{
    [Fact]
    public async Task LargeAnswer_IsTruncatedForAClientWithoutEdns_AndWholeOverTcp()
    {
        var ns = await fixture.NamespaceAsync("trunc");
        await TestServices.HeadlessAsync(fixture.Client, ns, "many");
        var endpoints = Enumerable.Range(1, 60).Select(i => ($"10.42.9.{i}", (string?)null, true)).ToArray();
        await TestServices.SliceAsync(fixture.Client, ns, "many", "many-1", endpoints);
        var name = $"many.{ns}.svc.cluster.local";
        await Eventually.TrueAsync(async () => (await fixture.Dig.ShortAsync(name, "A", "+tcp")).Length == 60, "all endpoints resolve");
        var udp = await fixture.Dig.FullAsync(name, "A", "+noedns", "+ignore");
        Assert.Contains(" tc ", udp, StringComparison.Ordinal);
        Assert.Contains("ANSWER: 0", udp, StringComparison.Ordinal);
        // dig retries a truncated answer over TCP by itself.
        Assert.Equal(60, (await fixture.Dig.ShortAsync(name, "A", "+noedns")).Length);
    }
}
