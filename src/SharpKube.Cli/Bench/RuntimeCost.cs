namespace SharpKube.Cli.Bench;

/// <summary>What a phase cost the .NET runtime, process-wide (the benchmark's own clients included).</summary>
/// <param name="AllocatedBytesPerOp">Bytes allocated per operation.</param>
/// <param name="Gen0Collections">Generation 0 collections.</param>
/// <param name="Gen1Collections">Generation 1 collections.</param>
/// <param name="Gen2Collections">Generation 2 collections.</param>
/// <param name="GcPauseMs">Time the runtime was paused for garbage collection.</param>
/// <param name="CpuPercent">Process CPU time over wall time (100 = one core busy).</param>
internal sealed record RuntimeCost(
    double AllocatedBytesPerOp, int Gen0Collections, int Gen1Collections, int Gen2Collections, double GcPauseMs, double CpuPercent);
