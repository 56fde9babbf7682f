using System.Diagnostics;
using k8s;
using SharpKube.Cli.Bench.PodStartup.Results;
using SharpKube.Cli.Bench.SingleNode;

namespace SharpKube.Cli.Bench.PodStartup;

/// <summary>
/// The kubelet's pod start benchmark on a real single node: <c>sharpkube server --disable kubelet</c> and
/// <c>sharpkube kubelet</c> as two child processes over one temporary data directory, the kubelet on a managed containerd
/// with the busybox image imported. One pod is started alone, then removed; then many at once. Each pod's latency is
/// the watch-observed Running and Ready time minus the client time before its create; the kubelet's own account of
/// each start gives the time inside CRI calls and, by difference, its overhead. Everything is removed at the end.
/// </summary>
internal static class PodStartupBenchmark
{
    private static readonly TimeSpan _cleanupTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs every phase and returns the report; progress lines go to <paramref name="progress"/>.</summary>
    public static async Task<PodStartupBenchReport> RunAsync(PodStartupBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var ownsDataDir = options.DataDir is null;
        // Short, under /tmp: containerd's sockets live below it and a unix socket path has at most 108 bytes.
        var dataDir = options.DataDir is { } given ? Path.GetFullPath(given) : Directory.CreateTempSubdirectory("skb-").FullName;
        var workingDir = Directory.CreateTempSubdirectory("sharpkube-bench-cwd-").FullName;
        try
        {
            await progress.WriteLineAsync($"[pod-startup] starting sharpkube server (no kubelet) as a child process over {dataDir}");
            await using var controlPlane = await BenchControlPlane.StartAsync(dataDir, workingDir, cancellationToken);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.AdminKubeconfig));
            await progress.WriteLineAsync("[pod-startup] starting sharpkube kubelet as a child process");
            var kubeletStarted = Stopwatch.GetTimestamp();
            var kubelet = await BenchKubelet.StartAsync(dataDir, controlPlane.Url, workingDir, cancellationToken);
            await using (kubelet)
            {
                var run = new PodStartupRun(options, client, controlPlane, kubelet, progress);
                try
                {
                    return await run.RunAsync(startedAt, kubeletStarted, cancellationToken);
                }
                finally
                {
                    await progress.WriteLineAsync("[pod-startup] deleting the pods");
                    using var cleanup = new CancellationTokenSource(_cleanupTimeout);
                    await run.DeletePodsAsync(cleanup.Token);
                    await progress.WriteLineAsync("[pod-startup] stopping the kubelet and the server");
                }
            }
        }
        finally
        {
            using var cleanup = new CancellationTokenSource(_cleanupTimeout);
            await NodeLeftovers.RemoveAsync(dataDir, ownsDataDir, cleanup.Token);
            Directory.Delete(workingDir, recursive: true);
        }
    }
}
