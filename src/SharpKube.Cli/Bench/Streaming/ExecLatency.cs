using System.Diagnostics;
using System.Net.WebSockets;
using k8s;
using SharpKube.Cli.Bench.SingleNode;

namespace SharpKube.Cli.Bench.Streaming;

/// <summary>Exec round trips of <c>true</c> in the streaming pod, one after another.</summary>
internal static class ExecLatency
{
    /// <summary>Runs <c>kubectl exec pod -- true</c> <paramref name="count"/> times (after one unmeasured run), timing each process from start to exit.</summary>
    /// <exception cref="NodeBenchException">A run failed.</exception>
    public static async Task<LatencySummary> KubectlAsync(KubectlProcess kubectl, int count, CancellationToken cancellationToken)
    {
        string[] arguments = ["exec", StreamingPod.Name, "-c", StreamingPod.Container, "--", "true"];
        await kubectl.RunAsync(arguments, cancellationToken);
        var histogram = new LatencyHistogram();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await kubectl.RunAsync(arguments, cancellationToken);
            histogram.RecordBetween(start, Stopwatch.GetTimestamp());
        }

        return LatencySummary.From(histogram);
    }

    /// <summary>
    /// Runs <paramref name="count"/> WebSocket execs of <c>true</c> with the client (<c>v5.channel.k8s.io</c>, which the
    /// API server translates to SPDY towards the kubelet), each timed from the upgrade request to the server's close.
    /// </summary>
    /// <exception cref="NodeBenchException">An exec did not end with a Success status.</exception>
    public static async Task<LatencySummary> ClientAsync(Kubernetes client, int count, CancellationToken cancellationToken)
    {
        await ClientExecAsync(client, cancellationToken);
        var histogram = new LatencyHistogram();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await ClientExecAsync(client, cancellationToken);
            histogram.RecordBetween(start, Stopwatch.GetTimestamp());
        }

        return LatencySummary.From(histogram);
    }

    private static async Task ClientExecAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        using var socket = await client.WebSocketNamespacedPodExecAsync(StreamingPod.Name, "default", ["true"], StreamingPod.Container,
            false, false, true, false, "v5.channel.k8s.io", null, cancellationToken);
        var buffer = new byte[4096];
        var status = new List<byte>();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            if (received.Count > 1 && buffer[0] == 3)
            {
                status.AddRange(buffer.AsSpan(1, received.Count - 1).ToArray());
            }
        }

        var text = System.Text.Encoding.UTF8.GetString([.. status]);
        if (!text.Contains("\"Success\"", StringComparison.Ordinal))
        {
            throw new NodeBenchException($"client exec: the session ended with {(text.Length == 0 ? "no status" : text)}");
        }
    }
}
