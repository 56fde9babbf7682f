namespace SharpKube.Cli.Bench.Controllers.Results;

/// <summary>
/// Upstream's floor for the same rollout, by reasoning rather than a run: kube-controller-manager's client to the API
/// server is rate limited (<c>--kube-api-qps</c> 20, <c>--kube-api-burst</c> 30 by default), and each controller's
/// client has its own token bucket, so the ReplicaSet controller's pod creates alone need at least
/// (pods − burst) ÷ QPS seconds.
/// </summary>
/// <param name="KubeApiQps">kube-controller-manager's default <c>--kube-api-qps</c>.</param>
/// <param name="KubeApiBurst">Its default <c>--kube-api-burst</c>.</param>
/// <param name="PodCreatesFloorSeconds">(pods − burst) ÷ QPS: the least time upstream's ReplicaSet controller needs to create the run's pods at the defaults.</param>
/// <param name="Note">The reasoning, in words.</param>
internal sealed record UpstreamAnchor(double KubeApiQps, int KubeApiBurst, double PodCreatesFloorSeconds, string Note)
{
    private const double DefaultQps = 20;
    private const int DefaultBurst = 30;

    /// <summary>The anchor for a run that creates <paramref name="pods"/> pods.</summary>
    public static UpstreamAnchor ForPods(long pods) => new(
        DefaultQps,
        DefaultBurst,
        Math.Round(Math.Max(0, pods - DefaultBurst) / DefaultQps, 1),
        "kube-controller-manager defaults to --kube-api-qps=20 --kube-api-burst=30 per controller client; the ReplicaSet " +
        "controller's pod creates (and its events and status updates, on the same client) wait for its token bucket. " +
        "Not measured: no kube-controller-manager binary here. SharpKube's controller manager has no client-side rate limit.");
}
