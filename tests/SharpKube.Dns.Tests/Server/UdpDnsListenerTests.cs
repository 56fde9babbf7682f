using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Dns.Caching;
using SharpKube.Dns.Metrics;
using SharpKube.Dns.Server;
using SharpKube.Dns.Tests.Fixtures;
using SharpKube.Dns.Zone;

namespace SharpKube.Dns.Tests.Server;

public sealed class UdpDnsListenerTests
{
    [Fact]
    public async Task Listener_AnswersOnEveryThread_AndDisposeEndsThemAll()
    {
        var cache = new ResponseCache(100);
        var handler = new DnsRequestHandler(new ClusterZone("cluster.local", [], 5, cache), cache, new DnsMetrics());
        var listener = new UdpDnsListener(new IPEndPoint(IPAddress.Loopback, 0), 3, handler, NullLogger.Instance);
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            RawDns.ExchangeAsync(listener.LocalEndPoint, RawDns.Query("dns-version.cluster.local", 16))));
        Assert.All(answers, a => Assert.Equal(0, RawDns.Rcode(a!)));
        listener.Dispose();
        // Dispose waits a bounded time for each thread: they have ended only if closing the socket woke them from ReceiveFrom.
        Assert.True(listener.Stopped, "every receiving thread ended");
    }
}
