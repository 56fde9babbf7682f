using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Proxy;
using SharpKube.Proxy.Benchmarking;

namespace SharpKube.Cli.Bench.Proxy;

/// <summary>
/// Times one backend's syncs of a made-up cluster in a private network namespace: the first full sync (empty
/// kernel tables), a full resync over the rules already there, and incremental syncs of one service one of whose
/// endpoints was replaced. Each time runs from the call to the backend until the kernel has the rules (the restore returned).
/// </summary>
internal static class BackendSyncMeasurement
{
    /// <summary>Measures <paramref name="mode"/> with <paramref name="services"/> services.</summary>
    public static async Task<BackendSyncResult> RunAsync(ProxyMode mode, int services, int endpoints, int updates, CancellationToken cancellationToken)
    {
        await using var netns = await BenchNetworkNamespace.CreateAsync(cancellationToken);
        var backend = ProxyBackends.Create(new ProxyOptions { Mode = mode, NetworkNamespace = netns.Name, ClusterCidr = "10.42.0.0/16" },
            NullLoggerFactory.Instance);
        var state = SyntheticProxyState.Create(services, endpoints);
        var first = await TimeAsync(() => backend.SyncAsync(state, cancellationToken));
        var resync = await TimeAsync(() => backend.SyncAsync(state, cancellationToken));
        var incremental = new LatencyHistogram();
        for (var i = 1; i <= updates; i++)
        {
            state = SyntheticProxyState.WithEndpointReplaced(state, (i * 7919) % services, i);
            var changed = state;
            var started = Stopwatch.GetTimestamp();
            await backend.SyncAsync(changed, cancellationToken);
            incremental.RecordBetween(started, Stopwatch.GetTimestamp());
        }
        await backend.CleanupAsync(cancellationToken);
        return new BackendSyncResult(mode.ToString().ToLowerInvariant(), services, endpoints, first, resync, LatencySummary.From(incremental));
    }

    private static async Task<double> TimeAsync(Func<Task> sync)
    {
        var started = Stopwatch.GetTimestamp();
        await sync();
        return Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
    }
}
