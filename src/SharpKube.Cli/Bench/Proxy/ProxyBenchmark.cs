using k8s;
using SharpKube.Cli.Bench.SingleNode;

namespace SharpKube.Cli.Bench.Proxy;

/// <summary>
/// <c>sharpkube bench proxy</c>: for each mode and cluster size, the backend's full and incremental sync times in a
/// private network namespace, then the whole proxy's through a real API server (a <c>sharpkube server --disable
/// kubelet</c> child process): from its start to every service programmed, and from an EndpointSlice update to the
/// kernel.
/// </summary>
internal static class ProxyBenchmark
{
    /// <summary>Runs the measurements, writing progress to <paramref name="progress"/>.</summary>
    public static async Task<ProxyBenchReport> RunAsync(ProxyBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var backend = new List<BackendSyncResult>();
        foreach (var count in options.ServiceCounts)
        {
            foreach (var mode in options.Modes)
            {
                await progress.WriteLineAsync($"[proxy] {mode}: {count} services x {options.Endpoints} endpoints, backend syncs in a private network namespace");
                backend.Add(await BackendSyncMeasurement.RunAsync(mode, count, options.Endpoints, options.Updates, cancellationToken));
            }
        }

        var throughApi = new List<ApiProgrammingResult>();
        if (options.ThroughApi)
        {
            var dataDir = Directory.CreateTempSubdirectory("skb-proxy-").FullName;
            var workingDir = Directory.CreateTempSubdirectory("sharpkube-bench-cwd-").FullName;
            try
            {
                await progress.WriteLineAsync($"[proxy] starting sharpkube server (no kubelet) as a child process over {dataDir}");
                await using var controlPlane = await BenchControlPlane.StartAsync(dataDir, workingDir, cancellationToken);
                using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.AdminKubeconfig));
                var measurement = new ApiProgrammingMeasurement(client, options.Endpoints);
                foreach (var count in options.ServiceCounts.Order())
                {
                    await progress.WriteLineAsync($"[proxy] creating services and EndpointSlices up to {count}");
                    await measurement.GrowToAsync(count, cancellationToken);
                    foreach (var mode in options.Modes)
                    {
                        await progress.WriteLineAsync($"[proxy] {mode}: the proxy through the API server with {count} services");
                        throughApi.Add(await measurement.MeasureAsync(mode, options.Updates, cancellationToken));
                    }
                }
            }
            finally
            {
                Directory.Delete(dataDir, recursive: true);
                Directory.Delete(workingDir, recursive: true);
            }
        }
        return new ProxyBenchReport("proxy", options.CommandLine, startedAt, MachineInfo.Current(), backend, throughApi);
    }
}
