using k8s;
using Microsoft.Extensions.Logging;

namespace SharpKube.Dns.Hosting;

/// <summary>The cluster DNS component: <see cref="RunAsync"/> serves until cancelled.</summary>
public static class ClusterDns
{
    /// <summary>Starts the server (see <see cref="RunningClusterDns.StartAsync"/>) and serves until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(Kubernetes client, DnsOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        await using var running = await RunningClusterDns.StartAsync(client, options, loggers, cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }
    }
}
