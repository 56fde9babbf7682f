using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Proxy.Health;
using static SharpKube.Proxy.Tests.Iptables.TestStates;

namespace SharpKube.Proxy.Tests.Sync;

public sealed class ServiceHealthChecksTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task HealthCheckNodePort_Answers200WithLocalEndpoints_And503WithoutThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort();
        await using var checks = new ServiceHealthChecks(IPAddress.Loopback, NullLogger.Instance);
        var service = Service("lb", "10.43.0.20") with { NodePort = 30080, ExternalPolicyLocal = true, HealthCheckNodePort = port };
        await checks.UpdateAsync(State(service, [Ready(IPAddress.Parse("10.42.0.10"), local: true), Ready(IPAddress.Parse("10.42.0.11"), local: false)]));
        using var http = new HttpClient();

        var healthy = await http.GetAsync($"http://127.0.0.1:{port}/", ct);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("{\"service\":{\"namespace\":\"default\",\"name\":\"lb\"},\"localEndpoints\":1}", await healthy.Content.ReadAsStringAsync(ct));

        await checks.UpdateAsync(State(service, [Ready(IPAddress.Parse("10.42.0.11"), local: false)]));
        var unhealthy = await http.GetAsync($"http://127.0.0.1:{port}/", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Contains("\"localEndpoints\":0", await unhealthy.Content.ReadAsStringAsync(ct));

        await checks.UpdateAsync(State([]));
        Assert.Empty(checks.Ports);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{port}/", ct));
    }
}
