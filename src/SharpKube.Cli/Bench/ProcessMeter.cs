using System.Diagnostics;

namespace SharpKube.Cli.Bench;

/// <summary>CPU time of a process read at the start of a phase, compared with its CPU time and memory at the end.</summary>
internal sealed class ProcessMeter
{
    private readonly MeasuredProcess _process;
    private readonly long _start;
    private readonly TimeSpan? _cpuAtStart;

    private ProcessMeter(MeasuredProcess process)
    {
        _process = process;
        _start = Stopwatch.GetTimestamp();
        _cpuAtStart = process.CpuTime();
    }

    /// <summary>Starts measuring <paramref name="process"/> now.</summary>
    public static ProcessMeter Start(MeasuredProcess process) => new(process);

    /// <summary>What the process used since the start: CPU seconds and percent of one core over the wall time, and its memory now.</summary>
    public ProcessUsage Stop()
    {
        var elapsed = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        var cpu = _cpuAtStart is { } before && _process.CpuTime() is { } after ? (after - before).TotalSeconds : (double?)null;
        var memory = _process.Memory();
        return new ProcessUsage(
            _process.Name,
            cpu is { } seconds ? Math.Round(seconds, 3) : null,
            cpu is { } used && elapsed > 0 ? Math.Round(100 * used / elapsed, 1) : null,
            memory?.Rss,
            memory?.Peak);
    }
}
