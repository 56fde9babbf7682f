using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using SharpKube.Kubelet.Probes.Protocol;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// A gRPC probe: grpc.health.v1.Health/Check for the probe's service on the pod IP and port, over plaintext HTTP/2;
/// SERVING is a success, anything else (another status, an error, no answer within the timeout) a failure.
/// </summary>
internal static class GrpcProbe
{
    /// <summary>Checks <paramref name="service"/> at <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static async Task<ProbeResult> RunAsync(string host, int port, string? service, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var address = ProbePort.JoinHostPort(host, port);
        var seconds = timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s";
        // A channel per probe, as upstream dials per probe: a dead connection never outlives one check.
        using var channel = GrpcChannel.ForAddress("http://" + address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = timeout, UseProxy = false },
            DisposeHttpClient = true,
            MaxRetryAttempts = 0,
        });
        try
        {
            var response = await new Health.HealthClient(channel).CheckAsync(
                new HealthCheckRequest { Service = service ?? "" },
                // gRPC deadlines are wall-clock instants by contract.
                deadline: DateTime.UtcNow + timeout,
                cancellationToken: cancellationToken);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? ProbeResult.Success("service healthy")
                : ProbeResult.Failure($"service unhealthy (responded with \"{StatusName(response.Status)}\")");
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Failure(e.StatusCode switch
            {
                StatusCode.DeadlineExceeded => $"timeout: health rpc did not complete within {seconds}",
                StatusCode.Unimplemented => $"error: this server does not implement the grpc health protocol (grpc.health.v1.Health): {e.Status.Detail}",
                StatusCode.Unavailable => $"error: failed to connect service at \"{address}\": {e.Status.Detail}",
                _ => $"error: health rpc probe failed: rpc error: code = {e.StatusCode} desc = {e.Status.Detail}",
            });
        }
    }

    /// <summary>The status as the protocol spells it (SERVING, NOT_SERVING, …), which is what users see upstream.</summary>
    private static string StatusName(HealthCheckResponse.Types.ServingStatus status) => status switch
    {
        HealthCheckResponse.Types.ServingStatus.Serving => "SERVING",
        HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
        HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        HealthCheckResponse.Types.ServingStatus.Unknown => "UNKNOWN",
        _ => ((int)status).ToString(CultureInfo.InvariantCulture),
    };
}
