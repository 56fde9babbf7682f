namespace SharpKube.Cli.Bench;

/// <summary>A process whose CPU time and memory a phase reads: a control-plane component, the API server, the hollow nodes, the benchmark itself.</summary>
/// <param name="Name">The process in words, for the report.</param>
/// <param name="CpuTime">Its CPU time so far (user + system), or null once it cannot be read.</param>
/// <param name="Memory">Its VmRSS and VmHWM in bytes, or null when not known.</param>
internal sealed record MeasuredProcess(string Name, Func<TimeSpan?> CpuTime, Func<(long Rss, long? Peak)?> Memory)
{
    /// <summary>The benchmark's own process: its clients and informers.</summary>
    public static MeasuredProcess Benchmark() =>
        new("benchmark", () => Environment.CpuUsage.TotalTime, () => ProcStatus.Read(Environment.ProcessId));
}
