using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Proxy.Benchmarking;
using SharpKube.Proxy.Iptables;

namespace SharpKube.Proxy.Tests.Measurements;

/// <summary>
/// Measures iptables syncs of generated states in a private namespace and prints the figures (never asserts a time).
/// Run on its own: <c>SharpKube.Proxy.Tests -class SharpKube.Proxy.Tests.Measurements.IptablesSyncMeasurement -explicit only</c>;
/// <c>SK_PROXY_BENCH_SERVICES</c> sets the Service counts (default "1000").
/// </summary>
public sealed class IptablesSyncMeasurement
{
    [Fact(Explicit = true)]
    public async Task FullAndIncrementalSyncs()
    {
        var counts = (Environment.GetEnvironmentVariable("SK_PROXY_BENCH_SERVICES") ?? "1000").Split(',').Select(int.Parse);
        foreach (var services in counts)
        {
            var ns = $"sk-pbench-{Guid.NewGuid():N}"[..18];
            await Run("ip", "netns", "add", ns);
            try
            {
                var backend = new IptablesBackend(new ProxyOptions { NetworkNamespace = ns }, NullLogger.Instance);
                var state = SyntheticProxyState.Create(services, 10);
                var full = Stopwatch.StartNew();
                await backend.SyncAsync(state, CancellationToken.None);
                TestContext.Current.SendDiagnosticMessage($"{services} services x 10 endpoints: full sync {full.Elapsed.TotalMilliseconds:F0} ms "
                    + $"(restore {backend.LastRestoreDuration.TotalMilliseconds:F0} ms, {backend.LastRestoreInput!.Length / 1024} KiB)");
                for (var generation = 0; generation < 5; generation++)
                {
                    state = SyntheticProxyState.WithEndpointReplaced(state, generation * 7, generation);
                    var incremental = Stopwatch.StartNew();
                    await backend.SyncAsync(state, CancellationToken.None);
                    TestContext.Current.SendDiagnosticMessage($"{services} services: incremental sync {incremental.Elapsed.TotalMilliseconds:F1} ms "
                        + $"(restore {backend.LastRestoreDuration.TotalMilliseconds:F1} ms, {backend.LastRestoreInput!.Length} bytes)");
                }
            }
            finally
            {
                await Run("ip", "netns", "del", ns);
            }
        }
    }

    private static async Task Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        await process.WaitForExitAsync();
    }
}
