using k8s;
using k8s.Models;
using SharpKube.Cli.Bench.SingleNode;
using SharpKube.Client.Resources;

namespace SharpKube.Cli.Bench.Streaming;

/// <summary>
/// Exec and port-forward through the API server and the kubelet on a real single node (<c>sharpkube server --disable
/// kubelet</c> and <c>sharpkube kubelet</c> as child processes, as <c>bench pod-startup</c> runs them): the wall time of
/// <c>kubectl exec pod -- true</c> and of the same exec by a WebSocket client, and the throughput of a download through
/// <c>kubectl port-forward</c> against the same download straight from the pod IP. Everything is removed at the end.
/// </summary>
internal static class StreamingBenchmark
{
    private static readonly TimeSpan _cleanupTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs every phase and returns the report; progress lines go to <paramref name="progress"/>.</summary>
    public static async Task<StreamingBenchReport> RunAsync(StreamingBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var ownsDataDir = options.DataDir is null;
        // Short, under /tmp: containerd's sockets live below it and a unix socket path has at most 108 bytes.
        var dataDir = options.DataDir is { } given ? Path.GetFullPath(given) : Directory.CreateTempSubdirectory("skb-").FullName;
        var workingDir = Directory.CreateTempSubdirectory("sharpkube-bench-cwd-").FullName;
        try
        {
            await progress.WriteLineAsync($"[streaming] starting sharpkube server (no kubelet) and sharpkube kubelet as child processes over {dataDir}");
            await using var controlPlane = await BenchControlPlane.StartAsync(dataDir, workingDir, cancellationToken);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(controlPlane.AdminKubeconfig));
            await using var kubelet = await BenchKubelet.StartAsync(dataDir, controlPlane.Url, workingDir, cancellationToken);
            string? Failure() => controlPlane.Process.ExitedWith() ?? kubelet.Process.ExitedWith();
            await NodeReadiness.WaitAsync(new ResourceClient<V1Node>(client), BenchKubelet.NodeName, options.Timeout, Failure, cancellationToken);

            var pod = new StreamingPod(new ResourceClient<V1Pod>(client));
            await progress.WriteLineAsync($"[streaming] starting a pod serving {options.FileMiB} MiB");
            try
            {
                var podIp = await pod.StartAsync(options.FileMiB, options.Timeout, Failure, cancellationToken);
                var kubectl = new KubectlProcess(options.Kubectl, controlPlane.AdminKubeconfig, workingDir);
                var version = (await kubectl.RunAsync(["version", "--client", "-o", "json"], cancellationToken)).ReplaceLineEndings(" ");
                await progress.WriteLineAsync($"[streaming] {options.Execs} x kubectl exec -- true");
                var kubectlExec = await ExecLatency.KubectlAsync(kubectl, options.Execs, cancellationToken);
                await progress.WriteLineAsync($"[streaming] {options.Execs} x WebSocket exec (v5) -- true");
                var clientExec = await ExecLatency.ClientAsync(client, options.Execs, cancellationToken);
                await progress.WriteLineAsync($"[streaming] {options.Downloads} downloads through kubectl port-forward, {options.Downloads} from the pod IP");
                var forward = await ForwardThroughput.ThroughForwardAsync(kubectl, options.Downloads, cancellationToken);
                var direct = await ForwardThroughput.DirectAsync(podIp, options.Downloads, cancellationToken);
                return new StreamingBenchReport("streaming", options.CommandLine, startedAt, MachineInfo.Current(), controlPlane.Description,
                    kubelet.Description, $"{options.Kubectl} {GitVersion(version)}", kubectlExec, clientExec, options.FileMiB, forward, direct);
            }
            finally
            {
                await progress.WriteLineAsync("[streaming] deleting the pod, stopping the kubelet and the server");
                using var cleanup = new CancellationTokenSource(_cleanupTimeout);
                await pod.DeleteAsync(cleanup.Token);
            }
        }
        finally
        {
            using var cleanup = new CancellationTokenSource(_cleanupTimeout);
            await NodeLeftovers.RemoveAsync(dataDir, ownsDataDir, cleanup.Token);
            Directory.Delete(workingDir, recursive: true);
        }
    }

    /// <summary>The <c>gitVersion</c> of <c>kubectl version --client -o json</c>, or the whole text when it has none.</summary>
    private static string GitVersion(string versionJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(versionJson);
        return document.RootElement.TryGetProperty("clientVersion", out var client) && client.TryGetProperty("gitVersion", out var git)
            ? git.GetString() ?? ""
            : versionJson;
    }
}
