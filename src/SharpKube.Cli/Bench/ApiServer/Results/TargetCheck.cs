namespace SharpKube.Cli.Bench.ApiServer.Results;

/// <summary>One figure set against SharpKube's target and upstream Kubernetes's anchor for it.</summary>
/// <param name="Metric">What is compared, e.g. "get p99, 32 clients".</param>
/// <param name="Value">The measured value, in <paramref name="Unit"/>.</param>
/// <param name="Limit">The target: the value must be below it.</param>
/// <param name="Unit">"ms", "MiB" or "events".</param>
/// <param name="Met">Whether the value is below the limit (for "events": equal to it, which is 0).</param>
/// <param name="Upstream">Upstream's anchor for the same figure (performance-anchors.md §1), or why there is none.</param>
internal sealed record TargetCheck(string Metric, double Value, double Limit, string Unit, bool Met, string Upstream);
