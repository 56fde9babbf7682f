using System.Diagnostics;
using SharpKube.Cli.Bench.ApiServer.Target;

namespace SharpKube.Cli.Bench.ApiServer.Phases;

/// <summary>CPU time of this process and of the server's process, read at the start of a phase and compared at its end.</summary>
internal readonly record struct CpuMeter(long Timestamp, TimeSpan ClientCpu, TimeSpan? ServerCpu)
{
    /// <summary>The counters now.</summary>
    public static CpuMeter Start(IServerUnderTest server) => new(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, server.CpuTime());

    /// <summary>CPU used since the start, in percent of one core: this process's, and the server's when it is measured apart.</summary>
    public (double Client, double? Server) Since(IServerUnderTest server)
    {
        var elapsed = Stopwatch.GetElapsedTime(Timestamp).TotalSeconds;
        var client = Environment.CpuUsage.TotalTime - ClientCpu;
        double? serverPercent = ServerCpu is { } before && server.CpuTime() is { } after ? Percent(after - before, elapsed) : null;
        return (Percent(client, elapsed), serverPercent);
    }

    private static double Percent(TimeSpan cpu, double seconds) => seconds > 0 ? Math.Round(100 * cpu.TotalSeconds / seconds, 1) : 0;
}
