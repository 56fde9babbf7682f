namespace SharpKube.Cli.Bench.PodStartup.Results;

/// <summary>
/// Upstream's node density e2e test (test/e2e_node/density_test.go; docs performance-anchors §8): a batch of 10 pause pods
/// must start within these limits while the kubelet stays under its memory limit. Limits, not measurements.
/// </summary>
/// <param name="BatchPods">Pods in upstream's batch.</param>
/// <param name="P50Seconds">Pod startup p50 limit.</param>
/// <param name="P90Seconds">Pod startup p90 limit.</param>
/// <param name="P99Seconds">Pod startup p99 limit.</param>
/// <param name="BatchSeconds">Whole-batch limit.</param>
/// <param name="KubeletRssMiB">Kubelet RSS limit.</param>
/// <param name="Note">Where the figures come from.</param>
internal sealed record UpstreamDensityAnchor(int BatchPods, double P50Seconds, double P90Seconds, double P99Seconds, double BatchSeconds, double KubeletRssMiB, string Note)
{
    /// <summary>The density test's 10-pod batch limits.</summary>
    public static UpstreamDensityAnchor Current { get; } = new(10, 16, 18, 20, 25, 50,
        "Kubernetes node e2e density test, 10 pause pods in a batch, kubelet API QPS 5: limits the test enforces, not a measurement on this machine");
}
