using System.Globalization;

namespace SharpKube.Cli.Bench.Controllers.Target;

/// <summary>
/// <c>sharpkube controller-manager</c> run as a child process against the benchmark's API server, every controller on
/// and leader election off (one instance: the Lease would only add a renewal every 2 s), its log tallied.
/// </summary>
internal sealed class ControllerManagerProcess : IAsyncDisposable
{
    private const string StartedLine = "Starting controllers";
    private const int TailLines = 20;

    private readonly ChildProcess _process;

    private ControllerManagerProcess(ChildProcess process, ControllerManagerLog log)
    {
        _process = process;
        Log = log;
    }

    /// <summary>The process, for its CPU time and memory.</summary>
    public ChildProcess Process => _process;

    /// <summary>The tally of its log.</summary>
    public ControllerManagerLog Log { get; }

    /// <summary>What runs, in words, for the report.</summary>
    public string Description =>
        $"sharpkube controller-manager child process (pid {_process.Id.ToString(CultureInfo.InvariantCulture)}), every controller, " +
        "leader election off, as system:kube-controller-manager";

    /// <summary>Starts the controller manager with <paramref name="kubeconfig"/>.</summary>
    public static ControllerManagerProcess Start(string kubeconfig, string workingDirectory)
    {
        var log = new ControllerManagerLog();
        var process = ChildProcess.Start(
            ["controller-manager", "--kubeconfig", kubeconfig, "--leader-elect", "false"],
            workingDirectory, new OutputTail(TailLines, StartedLine), log.Add);
        return new ControllerManagerProcess(process, log);
    }

    /// <summary>Waits until the controllers start (their informers have synced), or fails if the process exits or <paramref name="timeout"/> passes first.</summary>
    public async Task WaitStartedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool started;
        try
        {
            started = await _process.Output.Ready.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new ControllersBenchException(
                $"sharpkube controller-manager did not start its controllers within {timeout.TotalSeconds:0} s: {_process.Output.Text}", e);
        }

        if (!started)
        {
            throw new ControllersBenchException($"sharpkube controller-manager exited with code {_process.ExitCode} before it started: {_process.Output.Text}");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
