using System.Diagnostics;
using SharpKube.Cli.Bench.ApiServer.Results;
using SharpKube.Cli.Bench.ApiServer.Target;

namespace SharpKube.Cli.Bench.ApiServer.Phases;

/// <summary>Runs a set of <see cref="RequestClient"/>s side by side and sums up what they did.</summary>
internal static class RequestPhase
{
    /// <summary>
    /// Lets every client send <paramref name="warmUpRequests"/> unmeasured requests, then runs them all until the
    /// <see cref="PhaseStop"/> that <paramref name="stop"/> makes says so, or until none has work left.
    /// </summary>
    /// <param name="phase">The phase's name in the report.</param>
    /// <param name="clients">The clients, run side by side.</param>
    /// <param name="warmUpRequests">Unmeasured requests per client first.</param>
    /// <param name="stop">Makes the phase's stop once the warm-up is over, so a slow warm-up does not eat into a timed phase.</param>
    /// <param name="server">The server whose CPU is measured.</param>
    public static async Task<RequestPhaseResult> RunAsync(
        string phase, IReadOnlyList<RequestClient> clients, int warmUpRequests, Func<PhaseStop> stop, IServerUnderTest server)
    {
        if (warmUpRequests > 0)
        {
            await Task.WhenAll(clients.Select(c => Task.Run(() => c.WarmUpAsync(warmUpRequests))));
        }

        var measured = stop();
        var cpu = CpuMeter.Start(server);
        var started = Stopwatch.GetTimestamp();
        var tasks = clients.Select(c => Task.Run(() => c.RunAsync(measured))).ToArray();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            measured.Stop();
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var (clientCpu, serverCpu) = cpu.Since(server);
        var latency = new LatencyHistogram();
        long requests = 0, errors = 0;
        foreach (var client in clients)
        {
            latency.Add(client.Latency);
            requests += client.Requests;
            errors += client.Errors;
        }

        return new RequestPhaseResult(
            phase,
            clients.Count,
            requests,
            errors,
            clients.Select(c => c.FirstError).FirstOrDefault(e => e is not null),
            Math.Round(elapsed.TotalSeconds, 3),
            elapsed > TimeSpan.Zero ? Math.Round(requests / elapsed.TotalSeconds, 1) : 0,
            LatencySummary.From(latency),
            clientCpu,
            serverCpu);
    }
}
