using System.Net;
using System.Text.Json;
using k8s.Models;
using Prometheus;
using SharpKube.Kubelet.Pods;
using SharpKube.Kubelet.Runtime;
using SharpKube.Kubelet.Server;
using SharpKube.Kubelet.Tests.Server;

namespace SharpKube.Kubelet.Tests.Pods;

/// <summary>The kubelet server's <c>/debug/pods/startup</c> and <c>/metrics</c>, on a real server with client certificates.</summary>
public sealed class PodStartupEndpointTests : IAsyncLifetime
{
    private readonly KubeletServerFixture _fixture = new();
    private readonly PodStartupLog _log = new();
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private KubeletServer? _server;

    public async ValueTask InitializeAsync()
    {
        // Registering the timer's metrics in the registry is what a kubelet does at start.
        _ = new CriCallTimer(_registry, _log.AddCriTime);
        var options = _fixture.Options(_fixture.Authority, TestCertificates.IssueServing(_fixture.Authority)) with { Metrics = _registry, PodStartup = _log };
        _server = await KubeletServer.StartAsync(options, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task DebugPodsStartup_ServesTheLogAsJson()
    {
        _log.Seen(new V1Pod { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "u-1" } });
        _log.AddCriTime("u-1", TimeSpan.FromMilliseconds(40));
        using var client = TrustedClient();

        using var response = await client.GetAsync(Url("/debug/pods/startup"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var pod = Assert.Single(json.RootElement.GetProperty("pods").EnumerateArray());
        Assert.Equal("web", pod.GetProperty("name").GetString());
        Assert.Equal(40, pod.GetProperty("criMs").GetDouble());
        Assert.Equal(1, pod.GetProperty("criCalls").GetInt32());
    }

    [Fact]
    public async Task Metrics_ServesTheKubeletsRegistryAsPrometheusText()
    {
        using var client = TrustedClient();

        using var response = await client.GetAsync(Url("/metrics"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("# TYPE kubelet_runtime_operations_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/debug/pods/startup")]
    public async Task Request_WithoutAClientCertificate_IsUnauthorized(string path)
    {
        using var client = KubeletServerFixture.Client(null);

        using var response = await client.GetAsync(Url(path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await _fixture.DisposeAsync();
    }

    private HttpClient TrustedClient() => KubeletServerFixture.Client(TestCertificates.IssueClient(_fixture.Authority, "kube-apiserver-kubelet-client"));

    private Uri Url(string path) => new($"https://127.0.0.1:{_server!.Port}{path}");
}
