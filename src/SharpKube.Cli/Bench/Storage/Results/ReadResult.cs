namespace SharpKube.Cli.Bench.Storage.Results;

/// <summary>A read phase: closed-loop readers.</summary>
/// <param name="Readers">Concurrent readers.</param>
/// <param name="Operations">Reads completed.</param>
/// <param name="Seconds">How long the phase ran.</param>
/// <param name="OpsPerSecond">Reads per second.</param>
/// <param name="Latency">The latency of each read.</param>
/// <param name="Runtime">What the phase cost the .NET runtime of this process.</param>
internal sealed record ReadResult(int Readers, long Operations, double Seconds, double OpsPerSecond, LatencySummary Latency, RuntimeCost Runtime);
