using System.Net;
using System.Net.Sockets;
using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Probes;

namespace SharpKube.Kubelet.Tests.Probes;

public sealed class TcpSocketProbeTests : IDisposable
{
    private readonly HttpClient _http = ProbeHttpClient.Create();
    private readonly Prober _prober;

    public TcpSocketProbeTests() =>
        _prober = new Prober(new RuntimeService.RuntimeServiceClient(Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:1")), _http, TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _http.Dispose();

    private static V1Probe TcpProbe(IntOrString port, string? host = null) => new()
    {
        TcpSocket = new V1TCPSocketAction { Port = port, Host = host },
        TimeoutSeconds = 1,
    };

    [Fact]
    public async Task Run_WithAListenerOnThePort_Succeeds()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await _prober.RunAsync(TcpProbe(port), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Success(), result);
        // The probe really connected: the connection is in the listener's queue.
        using var accepted = await listener.AcceptTcpClientAsync(Ct);
    }

    [Fact]
    public async Task Run_WithTheListenerClosed_FailsWithConnectionRefused()
    {
        var port = HttpGetProbeTests.FreePort();

        var result = await _prober.RunAsync(TcpProbe(port), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Failure($"dial tcp 127.0.0.1:{port}: connect: connection refused"), result);
    }

    [Fact]
    public async Task Run_WithAHost_ConnectsThereRatherThanToThePodIp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var container = ProbeSpecs.Container();
        container.Ports = [new V1ContainerPort { Name = "db", ContainerPort = port }];

        // 192.0.2.0/24 is reserved for documentation: were the pod IP used, nothing would answer.
        var result = await _prober.RunAsync(TcpProbe("db", host: "127.0.0.1"), container, "c1", "192.0.2.1", Ct);

        Assert.Equal(ProbeResult.Success(), result);
    }
}
