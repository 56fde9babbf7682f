using System.Diagnostics;
using System.Globalization;
using System.Net;
using SharpKube.Cli.Bench.Dns.Workload;
using SharpKube.Cli.Bench.SingleNode;

namespace SharpKube.Cli.Bench.Dns.Target;

/// <summary>
/// The server under test: <c>sharpkube dns</c> as a child process on 127.0.0.1 and a free port, watching the
/// benchmark's API server with the administrator's kubeconfig, its <c>/ready</c> on another free port.
/// </summary>
internal sealed class ClusterDnsProcess : IAsyncDisposable
{
    private const int TailLines = 30;
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan _pollTimeout = TimeSpan.FromSeconds(2);

    private ClusterDnsProcess(ChildProcess process, int port, double readySeconds)
    {
        Process = process;
        Port = port;
        ReadySeconds = readySeconds;
    }

    /// <summary>The process, for its CPU time and memory.</summary>
    public ChildProcess Process { get; }

    /// <summary>The UDP and TCP port it answers on.</summary>
    public int Port { get; }

    /// <summary>Seconds from the process's start until <c>/ready</c> answered 200: its informers had listed every Service and EndpointSlice.</summary>
    public double ReadySeconds { get; }

    /// <summary>What runs, in words, for the report.</summary>
    public string Description => $"sharpkube dns child process (pid {Process.Id.ToString(CultureInfo.InvariantCulture)}) on 127.0.0.1";

    /// <summary>The command-line arguments of <c>sharpkube dns</c> (after the command name).</summary>
    public static IReadOnlyList<string> Arguments(string kubeconfig, int port, int upstreamPort, int readyPort) =>
    [
        "dns", "--kubeconfig", kubeconfig, "--bind-address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
        "--cluster-domain", BenchServices.ClusterDomain, "--upstream", "127.0.0.1:" + upstreamPort.ToString(CultureInfo.InvariantCulture),
        "--metrics-port", "0", "--health-port", "0", "--ready-port", readyPort.ToString(CultureInfo.InvariantCulture),
        // The defaults, given explicitly: sharpkube dns checks them even when they are not given.
        "--service-cidr", "10.43.0.0/16", "--cluster-cidr", BenchControlPlane.ClusterCidr, "--cluster-dns", "10.43.0.10",
    ];

    /// <summary>
    /// Starts <c>sharpkube dns</c> and returns once its <c>/ready</c> answers 200 and it answers the zone's probe names;
    /// <paramref name="upstreamPort"/> is where it forwards names outside the zone (the benchmark asks none).
    /// </summary>
    public static async Task<ClusterDnsProcess> StartAsync(
        string kubeconfig, int upstreamPort, IReadOnlyList<ZoneEntry> zone, string workingDir, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var readyPort = FreePort.Next();
        var started = Stopwatch.GetTimestamp();
        // Readiness is /ready's answer, not a log line: the tail only keeps the last lines for an error message.
        var process = ChildProcess.Start(Arguments(kubeconfig, port, upstreamPort, readyPort), workingDir, new OutputTail(TailLines, "\0"));
        try
        {
            await WaitReadyAsync(process, readyPort, timeout, cancellationToken);
            var readySeconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 3);
            await ZoneCheck.WaitAsync("sharpkube dns", port, ZoneCheck.Probes(zone), timeout, process.ExitedWith, cancellationToken);
            return new ClusterDnsProcess(process, port, readySeconds);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static async Task WaitReadyAsync(ChildProcess process, int readyPort, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = _pollTimeout };
        var url = new Uri($"http://127.0.0.1:{readyPort.ToString(CultureInfo.InvariantCulture)}/ready");
        var start = Stopwatch.GetTimestamp();
        var last = "no answer";
        while (true)
        {
            if (process.ExitedWith() is { } exited)
            {
                throw new DnsBenchException($"sharpkube dns stopped before it was ready: {exited}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no answer within " + _pollTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
            }

            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new DnsBenchException(
                    $"sharpkube dns was not ready within {timeout.TotalSeconds:0} s ({url}: {last}): {process.Output.Text}");
            }

            await Task.Delay(_pollInterval, cancellationToken);
        }
    }
}
