using System.Diagnostics;
using k8s.Autorest;

namespace SharpKube.Cli.Bench.ApiServer.Phases;

/// <summary>
/// One closed-loop client of a request phase: sends a request, waits for the whole response, records the latency,
/// repeats until the phase stops or the client has nothing left to do. A response with an error status is counted
/// (the first one kept for the report) and the client goes on; any other failure ends the phase.
/// </summary>
internal abstract class RequestClient
{
    // Past this many error responses a client gives up: the server is failing, not slow.
    private const int MaxErrors = 100;

    /// <summary>The latency of every successful request, to the last byte of its response.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Successful requests.</summary>
    public long Requests { get; private set; }

    /// <summary>Requests answered with an error status.</summary>
    public long Errors { get; private set; }

    /// <summary>The first error response, for the report.</summary>
    public string? FirstError { get; private set; }

    /// <summary>Runs requests until <paramref name="stop"/> says so or <see cref="TryTakeNext"/> says there is no more work.</summary>
    public async Task RunAsync(PhaseStop stop)
    {
        try
        {
            while (!stop.ShouldStop && TryTakeNext())
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await SendAsync();
                }
                catch (HttpOperationException e) when (e.Response is not null)
                {
                    Errors++;
                    FirstError ??= $"{(int)e.Response.StatusCode} {e.Response.StatusCode}: {Shorten(e.Response.Content)}";
                    if (Errors >= MaxErrors)
                    {
                        stop.Stop();
                    }

                    continue;
                }

                Latency.Record(Stopwatch.GetTimestamp() - start);
                Requests++;
            }
        }
        catch
        {
            stop.Stop();
            throw;
        }
    }

    /// <summary>
    /// Sends up to <paramref name="requests"/> requests that are not measured, so the server has compiled the code
    /// paths of the phase (tiered JIT) before the first measured request. Error responses are ignored here; the
    /// measured requests will meet them again.
    /// </summary>
    public async Task WarmUpAsync(int requests)
    {
        for (var i = 0; i < requests && TryTakeNext(); i++)
        {
            try
            {
                await SendAsync();
            }
            catch (HttpOperationException e) when (e.Response is not null)
            {
            }
        }
    }

    /// <summary>Claims the next piece of work before it is timed; false when there is none left.</summary>
    protected virtual bool TryTakeNext() => true;

    /// <summary>Sends one request and reads its whole response.</summary>
    protected abstract Task SendAsync();

    private static string Shorten(string? text)
    {
        const int Limit = 300;
        var oneLine = (text ?? "").ReplaceLineEndings(" ");
        return oneLine.Length <= Limit ? oneLine : oneLine[..Limit] + "…";
    }
}
