namespace SharpKube.Cli.Bench.Storage.Results;

/// <summary>A write phase: closed-loop writers, each waiting for its write before the next.</summary>
/// <param name="Writers">Concurrent writers.</param>
/// <param name="Operations">Writes acknowledged.</param>
/// <param name="Seconds">How long the phase ran.</param>
/// <param name="OpsPerSecond">Writes acknowledged per second.</param>
/// <param name="Latency">The latency of each write.</param>
/// <param name="Runtime">What the phase cost the .NET runtime of this process.</param>
internal sealed record WriteResult(int Writers, long Operations, double Seconds, double OpsPerSecond, LatencySummary Latency, RuntimeCost Runtime);
