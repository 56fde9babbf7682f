using SharpKube.Cli.Bench.ApiServer.Results;

namespace SharpKube.Cli.Bench.ApiServer;

/// <summary>
/// SharpKube's targets for the API server (issue 3) and upstream Kubernetes's anchors for the same figures
/// (performance-anchors.md §1: the scalability SLOs, p99 over a cluster-day on a 64-core control plane).
/// </summary>
internal static class Targets
{
    /// <summary>p99 of a mutating call at 32 clients.</summary>
    public const double MutatingP99Ms = 50;

    /// <summary>p99 of a GET at 32 clients.</summary>
    public const double ReadP99Ms = 20;

    /// <summary>p99 of a LIST of 10,000 pods.</summary>
    public const double ListP99Ms = 150;

    /// <summary>p99 of watch delivery lag.</summary>
    public const double WatchLagP99Ms = 100;

    /// <summary>Resident memory of the server with 10,000 pods stored.</summary>
    public const double RssMiB = 400;

    private const string UpstreamMutating = "SLO p99 <= 1 s (mutating call)";
    private const string UpstreamRead = "SLO p99 <= 1 s (single-object read)";
    private const string UpstreamList = "SLO p99 <= 5 s (namespace-scoped LIST; 30 s cluster-scoped)";

    /// <summary>Every figure of a run that has a target, checked against it.</summary>
    public static IReadOnlyList<TargetCheck> Check(
        IReadOnlyList<RequestPhaseResult> create, RequestPhaseResult get, IReadOnlyList<RequestPhaseResult> update,
        IReadOnlyList<ListPhaseResult> list, WatchPhaseResult watch, MemoryResult? memory)
    {
        var checks = new List<TargetCheck>();
        void Below(string metric, double value, double limit, string unit, string upstream) =>
            checks.Add(new TargetCheck(metric, value, limit, unit, value < limit, upstream));

        var created = create[^1];
        Below($"create p99, {Clients(created.Clients)}", created.Latency.P99Ms, MutatingP99Ms, "ms", UpstreamMutating);
        Below($"get p99, {Clients(get.Clients)}", get.Latency.P99Ms, ReadP99Ms, "ms", UpstreamRead);
        foreach (var u in update)
        {
            Below($"{u.Phase} p99, {Clients(u.Clients)}", u.Latency.P99Ms, MutatingP99Ms, "ms", UpstreamMutating);
        }

        foreach (var l in list)
        {
            Below($"list {l.Items:N0} pods as {l.Format} p99", l.Latency.P99Ms, ListP99Ms, "ms", UpstreamList);
        }

        Below($"watch lag p99, {watch.Watchers:N0} watchers", watch.Lag.P99Ms, WatchLagP99Ms, "ms", "no SLO (watch latency SLI is work in progress upstream)");
        checks.Add(new TargetCheck("watch events missed", watch.MissedEvents, 0, "events", watch.MissedEvents == 0, "every event must arrive"));
        if (memory is not null)
        {
            var mib = Math.Round(memory.RssBytes / (1024.0 * 1024), 1);
            Below($"server RSS, {memory.PodsStored:N0} pods stored{(memory.IncludesClient ? " (with the clients)" : "")}", mib, RssMiB, "MiB",
                "no anchor (kube-up sizes the apiserver at ~60 MB per node)");
        }

        return checks;
    }

    private static string Clients(int n) => n == 1 ? "1 client" : $"{n} clients";
}
