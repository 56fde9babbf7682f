using System.Diagnostics;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>
/// One closed-loop client: performs an operation, waits for it, records its latency, repeats until the phase stops.
/// Each client owns its histogram and counters, so clients share nothing while they run.
/// </summary>
internal abstract class LoadClient
{
    /// <summary>The latency of every completed operation.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>The number of completed operations.</summary>
    public long Operations { get; private set; }

    /// <summary>Runs operations until <paramref name="stop"/> says so; on a failure, stops the other clients too.</summary>
    public async Task RunAsync(PhaseStop stop)
    {
        try
        {
            while (!stop.ShouldStop)
            {
                var start = Stopwatch.GetTimestamp();
                var revision = await OperateAsync();
                var end = Stopwatch.GetTimestamp();
                Latency.Record(end - start);
                Operations++;
                OnCompleted(start, end, revision);
            }
        }
        catch
        {
            stop.Stop();
            throw;
        }
    }

    /// <summary>Performs one operation and returns the revision it wrote (0 for reads).</summary>
    protected abstract ValueTask<long> OperateAsync();

    /// <summary>Called after each operation with its start and end timestamps.</summary>
    protected virtual void OnCompleted(long startTimestamp, long endTimestamp, long revision)
    {
    }
}
