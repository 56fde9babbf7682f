using System.Diagnostics;

namespace SharpKube.Cli.Bench.Storage.Phases;

/// <summary>Runs a set of <see cref="LoadClient"/>s side by side and sums up what they did.</summary>
internal static class ClosedLoop
{
    /// <summary>Runs every client until <paramref name="stop"/>, each on its own thread-pool work item.</summary>
    public static async Task<ClosedLoopResult> RunAsync(IReadOnlyList<LoadClient> clients, PhaseStop stop)
    {
        var before = RuntimeSnapshot.Take();
        var started = Stopwatch.GetTimestamp();

        // Task.Run: a client whose store completes synchronously (the memory driver) never yields, so each needs its own thread.
        var tasks = clients.Select(c => Task.Run(() => c.RunAsync(stop))).ToArray();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            stop.Stop();
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var runtime = RuntimeSnapshot.Take();
        var latency = new LatencyHistogram();
        long operations = 0;
        foreach (var client in clients)
        {
            latency.Add(client.Latency);
            operations += client.Operations;
        }

        return new ClosedLoopResult(clients.Count, operations, elapsed, latency, runtime.Since(before, elapsed, operations));
    }
}
