using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Cli.Bench.SingleNode;

/// <summary>Waits for the benchmark's node to be usable: Ready, and no longer tainted not-ready, so pods are placed at once.</summary>
internal static class NodeReadiness
{
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Polls Node <paramref name="nodeName"/>; <paramref name="failure"/> says why to give up early (a component exited).</summary>
    /// <exception cref="NodeBenchException">A component failed, or the node was not Ready within <paramref name="timeout"/>.</exception>
    public static async Task WaitAsync(ResourceClient<V1Node> nodes, string nodeName, TimeSpan timeout, Func<string?> failure, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (failure() is { } reason)
            {
                throw new NodeBenchException($"node Ready: {reason}");
            }

            var node = await nodes.GetAsync(null, nodeName, cancellationToken);
            if (node?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true
                && node.Spec?.Taints?.Any(t => t.Key == "node.kubernetes.io/not-ready") != true)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new NodeBenchException($"node Ready: node {nodeName} was not Ready after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(_poll, cancellationToken);
        }
    }
}
