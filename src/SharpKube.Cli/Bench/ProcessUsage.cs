namespace SharpKube.Cli.Bench;

/// <summary>What one process used over a phase.</summary>
/// <param name="Process">The process, as the benchmark names it ("apiserver", "scheduler", "benchmark", …).</param>
/// <param name="CpuSeconds">CPU time (user + system) over the phase; null when it could not be read.</param>
/// <param name="CpuPercent">CPU time over wall time, in percent of one core (average over the phase).</param>
/// <param name="RssBytes">Resident memory (VmRSS) at the end of the phase.</param>
/// <param name="PeakRssBytes">The most resident memory (VmHWM) since the process started, read at the end of the phase.</param>
internal sealed record ProcessUsage(string Process, double? CpuSeconds, double? CpuPercent, long? RssBytes, long? PeakRssBytes);
