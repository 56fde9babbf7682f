using SharpKube.Cli.Bench.Storage.Results;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>What a set of closed-loop clients did in one phase.</summary>
/// <param name="Clients">How many clients ran.</param>
/// <param name="Operations">Operations completed by all of them.</param>
/// <param name="Elapsed">From the start of the phase until the last client stopped.</param>
/// <param name="Latency">Every operation's latency.</param>
/// <param name="Runtime">What the phase cost the runtime.</param>
internal sealed record ClosedLoopResult(int Clients, long Operations, TimeSpan Elapsed, LatencyHistogram Latency, RuntimeCost Runtime)
{
    /// <summary>Operations per second over the phase.</summary>
    public double OpsPerSecond => Elapsed > TimeSpan.Zero ? Operations / Elapsed.TotalSeconds : 0;

    /// <summary>The summary reported for a write phase.</summary>
    public WriteResult ToWriteResult() =>
        new(Clients, Operations, Math.Round(Elapsed.TotalSeconds, 3), Math.Round(OpsPerSecond, 1), LatencySummary.From(Latency), Runtime);

    /// <summary>The summary reported for a read phase.</summary>
    public ReadResult ToReadResult() =>
        new(Clients, Operations, Math.Round(Elapsed.TotalSeconds, 3), Math.Round(OpsPerSecond, 1), LatencySummary.From(Latency), Runtime);
}
