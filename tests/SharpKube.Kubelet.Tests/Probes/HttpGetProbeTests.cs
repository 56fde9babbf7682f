using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Probes;

namespace SharpKube.Kubelet.Tests.Probes;

public sealed class HttpGetProbeTests : IDisposable
{
    private static readonly Grpc.Net.Client.GrpcChannel NoRuntime = Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:1");
    private readonly HttpClient _http = ProbeHttpClient.Create();
    private readonly Prober _prober;

    public HttpGetProbeTests() => _prober = new Prober(new RuntimeService.RuntimeServiceClient(NoRuntime), _http, TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Run_With200_SucceedsWithTheBody()
    {
        await using var server = await LocalServer.StartAsync(context => context.Response.WriteAsync("ok: " + context.Request.Path, Ct));

        var result = await _prober.RunAsync(ProbeSpecs.HttpGet(server.Port, "/healthz"), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Success("ok: /healthz"), result);
    }

    [Fact]
    public async Task Run_With500_FailsWithTheStatusCode()
    {
        await using var server = await LocalServer.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("broken", Ct);
        });

        var result = await _prober.RunAsync(ProbeSpecs.HttpGet(server.Port), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Failure("HTTP probe failed with statuscode: 500"), result);
    }

    [Fact]
    public async Task Run_WhenTheServerAnswersAfterTheTimeout_FailsWithADeadlineMessage()
    {
        using var release = new CancellationTokenSource();
        await using var server = await LocalServer.StartAsync(async context =>
        {
            await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            await context.Response.WriteAsync("late", CancellationToken.None);
        });
        var started = TimeProvider.System.GetTimestamp();

        var result = await _prober.RunAsync(ProbeSpecs.HttpGet(server.Port, "/slow", timeoutSeconds: 1), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        await release.CancelAsync();

        Assert.Equal(ProbeOutcome.Failure, result.Outcome);
        Assert.Equal($"Get \"http://127.0.0.1:{server.Port}/slow\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", result.Output);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Run_WithANamedPort_UsesTheContainerPortOfThatName()
    {
        await using var server = await LocalServer.StartAsync(context => context.Response.WriteAsync("named", Ct));
        var container = ProbeSpecs.Container();
        container.Ports = [new V1ContainerPort { Name = "other", ContainerPort = 1 }, new V1ContainerPort { Name = "http", ContainerPort = server.Port }];

        var result = await _prober.RunAsync(ProbeSpecs.HttpGet((IntOrString)"http"), container, "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Success("named"), result);
    }

    [Fact]
    public async Task Run_WithAnUnknownPortName_IsAnErrorNotAFailure()
    {
        var result = await _prober.RunAsync(ProbeSpecs.HttpGet((IntOrString)"metrics"), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Unknown("port metrics not found"), result);
    }

    [Fact]
    public async Task Run_SendsKubeProbeUserAgent_AcceptAll_AndTheProbesHeaders()
    {
        string? seen = null;
        await using var server = await LocalServer.StartAsync(context =>
        {
            var headers = context.Request.Headers;
            seen = $"{headers.UserAgent}|{headers.Accept}|{headers.Host}|{headers["X-Custom"]}|{headers.Connection}";
            return Task.CompletedTask;
        });
        var probe = ProbeSpecs.HttpGet(server.Port);
        probe.HttpGet.HttpHeaders = [new V1HTTPHeader { Name = "X-Custom", Value = "a" }, new V1HTTPHeader { Name = "Host", Value = "example.test" }];

        var result = await _prober.RunAsync(probe, ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Equal("kube-probe/1.32|*/*|example.test|a|close", seen);
    }

    [Fact]
    public async Task Run_FollowsARedirectOnTheSameHost()
    {
        await using var server = await LocalServer.StartAsync(context =>
        {
            if (context.Request.Path == "/old")
            {
                context.Response.Redirect("/new");
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync("arrived at " + context.Request.Path, Ct);
        });

        var result = await _prober.RunAsync(ProbeSpecs.HttpGet(server.Port, "/old"), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Success("arrived at /new"), result);
    }

    [Fact]
    public async Task Run_WithARedirectToAnotherHost_StopsThere_AndSucceedsWithAWarning()
    {
        var otherHostHit = false;
        await using var server = await LocalServer.StartAsync(context =>
        {
            if (context.Request.Host.Host == "localhost")
            {
                otherHostHit = true;
                return context.Response.WriteAsync("other host", Ct);
            }

            context.Response.Redirect($"http://localhost:{context.Request.Host.Port}/elsewhere");
            return context.Response.WriteAsync("moved", Ct);
        });

        var result = await _prober.RunAsync(ProbeSpecs.HttpGet(server.Port), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Warning("Probe terminated redirects, Response body: moved"), result);
        Assert.False(otherHostHit);
    }

    [Fact]
    public async Task Run_KeepsAtMost10KiBOfTheBody()
    {
        await using var server = await LocalServer.StartAsync(context => context.Response.WriteAsync(new string('x', 50_000), Ct));

        var result = await _prober.RunAsync(ProbeSpecs.HttpGet(server.Port), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        Assert.Equal(10 * 1024, result.Output.Length);
    }

    [Fact]
    public async Task Run_WithNothingListening_FailsWithConnectionRefused()
    {
        var port = FreePort();

        var result = await _prober.RunAsync(ProbeSpecs.HttpGet(port, "/x"), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Failure($"Get \"http://127.0.0.1:{port}/x\": dial tcp 127.0.0.1:{port}: connect: connection refused"), result);
    }

    [Fact]
    public async Task Run_WithoutAPodIpOrHost_IsAnError()
    {
        var result = await _prober.RunAsync(ProbeSpecs.HttpGet(80), ProbeSpecs.Container(), "c1", podIp: null, Ct);

        Assert.Equal(ProbeOutcome.Unknown, result.Outcome);
    }

    /// <summary>A port nothing listens on: bound and released, so the kernel just handed it out and nobody else holds it.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
