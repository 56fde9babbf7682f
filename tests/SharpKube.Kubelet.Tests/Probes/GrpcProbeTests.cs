using System.Buffers.Binary;
using Google.Protobuf;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Probes;
using SharpKube.Kubelet.Probes.Protocol;
using ServingStatus = SharpKube.Kubelet.Probes.Protocol.HealthCheckResponse.Types.ServingStatus;

namespace SharpKube.Kubelet.Tests.Probes;

public sealed class GrpcProbeTests : IDisposable
{
    private readonly HttpClient _http = ProbeHttpClient.Create();
    private readonly Prober _prober;

    public GrpcProbeTests() =>
        _prober = new Prober(new RuntimeService.RuntimeServiceClient(Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:1")), _http, TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _http.Dispose();

    private static V1Probe GrpcProbe(int port, string? service = null) => new()
    {
        Grpc = new V1GRPCAction { Port = port, Service = service },
        TimeoutSeconds = 1,
    };

    /// <summary>
    /// A hand-written grpc.health.v1 server over h2c: it reads the one length-prefixed request message, answers with
    /// one length-prefixed response and grpc-status 0 in the trailers, which is all a unary gRPC call is on the wire.
    /// </summary>
    private static Task<LocalServer> HealthServerAsync(Func<string, ServingStatus> statusOf, List<string>? services = null) =>
        LocalServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/grpc";
            if (context.Request.Path != "/grpc.health.v1.Health/Check")
            {
                context.Response.AppendTrailer("grpc-status", "12");
                context.Response.AppendTrailer("grpc-message", "unknown service");
                return;
            }

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, Ct);
            var request = HealthCheckRequest.Parser.ParseFrom(body.ToArray().AsSpan(5));
            services?.Add(request.Service);
            var payload = new HealthCheckResponse { Status = statusOf(request.Service) }.ToByteArray();
            var frame = new byte[5 + payload.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
            payload.CopyTo(frame, 5);
            await context.Response.Body.WriteAsync(frame, Ct);
            context.Response.AppendTrailer("grpc-status", "0");
        }, http2: true);

    [Fact]
    public async Task Run_WhenTheServiceIsServing_Succeeds_AndAsksForTheProbesService()
    {
        var services = new List<string>();
        await using var server = await HealthServerAsync(_ => ServingStatus.Serving, services);

        var result = await _prober.RunAsync(GrpcProbe(server.Port, "orders"), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Success("service healthy"), result);
        Assert.Equal(["orders"], services);
    }

    [Fact]
    public async Task Run_WhenNotServing_FailsWithTheStatus()
    {
        await using var server = await HealthServerAsync(_ => ServingStatus.NotServing);

        var result = await _prober.RunAsync(GrpcProbe(server.Port), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Failure("service unhealthy (responded with \"NOT_SERVING\")"), result);
    }

    [Fact]
    public async Task Run_AgainstAServerWithoutTheHealthService_FailsAsUnimplemented()
    {
        await using var server = await LocalServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "12");
            context.Response.AppendTrailer("grpc-message", "unknown service grpc.health.v1.Health");
            return Task.CompletedTask;
        }, http2: true);

        var result = await _prober.RunAsync(GrpcProbe(server.Port), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeResult.Failure(
            "error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health"), result);
    }

    [Fact]
    public async Task Run_WhenTheServerDoesNotAnswerInTime_FailsWithATimeout()
    {
        using var release = new CancellationTokenSource();
        await using var server = await LocalServer.StartAsync(
            context => Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default), http2: true);

        var result = await _prober.RunAsync(GrpcProbe(server.Port), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);
        await release.CancelAsync();

        Assert.Equal(ProbeResult.Failure("timeout: health rpc did not complete within 1s"), result);
    }

    [Fact]
    public async Task Run_WithNothingListening_Fails()
    {
        var port = HttpGetProbeTests.FreePort();

        var result = await _prober.RunAsync(GrpcProbe(port), ProbeSpecs.Container(), "c1", "127.0.0.1", Ct);

        Assert.Equal(ProbeOutcome.Failure, result.Outcome);
        Assert.StartsWith($"error: failed to connect service at \"127.0.0.1:{port}\": ", result.Output);
    }
}
