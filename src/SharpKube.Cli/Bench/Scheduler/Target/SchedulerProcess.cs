using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SharpKube.Cli.Bench.Scheduler.Target;

/// <summary>
/// <c>sharpkube scheduler</c> run as a child process against the benchmark's API server as <c>system:kube-scheduler</c>,
/// leader election off, serving its metrics on a free loopback port so the run can read its attempt latencies.
/// </summary>
internal sealed class SchedulerProcess : IAsyncDisposable
{
    private const string StartedLine = "Scheduler started";
    private const int TailLines = 20;

    private SchedulerProcess(ChildProcess process, Uri metrics)
    {
        Process = process;
        MetricsUrl = metrics;
    }

    /// <summary>The process, for its CPU time and memory.</summary>
    public ChildProcess Process { get; }

    /// <summary>Where it serves its Prometheus metrics.</summary>
    public Uri MetricsUrl { get; }

    /// <summary>What runs, in words, for the report.</summary>
    public string Description =>
        $"sharpkube scheduler child process (pid {Process.Id.ToString(CultureInfo.InvariantCulture)}), default profile, leader election off, " +
        "as system:kube-scheduler";

    /// <summary>Starts the scheduler with <paramref name="kubeconfig"/>.</summary>
    public static SchedulerProcess Start(string kubeconfig, string workingDirectory)
    {
        var port = FreeLoopbackPort();
        var process = ChildProcess.Start(
            ["scheduler", "--kubeconfig", kubeconfig, "--leader-elect", "false", "--metrics-bind-address", $"127.0.0.1:{port}"],
            workingDirectory, new OutputTail(TailLines, StartedLine));
        return new SchedulerProcess(process, new Uri($"http://127.0.0.1:{port}/metrics"));
    }

    /// <summary>Waits until the scheduler has synced its caches and started, or fails if it exits or <paramref name="timeout"/> passes first.</summary>
    public async Task WaitStartedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool started;
        try
        {
            started = await Process.Output.Ready.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new SchedulerBenchException($"sharpkube scheduler did not start within {timeout.TotalSeconds:0} s: {Process.Output.Text}", e);
        }

        if (!started)
        {
            throw new SchedulerBenchException($"sharpkube scheduler exited with code {Process.ExitCode} before it started: {Process.Output.Text}");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
