using System.Diagnostics;
using System.Globalization;

namespace SharpKube.Cli.Bench;

/// <summary>
/// A <c>sharpkube</c> component a benchmark runs as a child process, so that its CPU time and resident memory are its
/// own and can be read from the OS: its output is kept (<see cref="OutputTail"/>), and disposing stops it with SIGTERM —
/// as a user would, so it closes its datastore or releases its Lease — then kills it if it does not exit in time.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;

    private ChildProcess(Process process, string command, OutputTail output)
    {
        _process = process;
        Command = command;
        Output = output;
    }

    /// <summary>The command in words, e.g. <c>sharpkube apiserver</c>.</summary>
    public string Command { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>The last lines the process printed, and whether its ready line has appeared.</summary>
    public OutputTail Output { get; }

    /// <summary>
    /// Starts <c>sharpkube <paramref name="args"/></c> in <paramref name="workingDirectory"/>; every line it prints
    /// (stdout and stderr) goes to <paramref name="output"/> and, when given, to <paramref name="lineObserver"/> (called
    /// from the process's reader threads).
    /// </summary>
    public static ChildProcess Start(IReadOnlyList<string> args, string workingDirectory, OutputTail output, Action<string>? lineObserver = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Start(SelfCommand.Create(args), "sharpkube " + (args.Count > 0 ? args[0] : ""), workingDirectory, output, lineObserver);
    }

    /// <summary>
    /// Starts another program <paramref name="fileName"/> with <paramref name="args"/> (a peer server such as dnsmasq the
    /// benchmark compares with), kept and stopped the same way.
    /// </summary>
    public static ChildProcess StartProgram(
        string fileName, IReadOnlyList<string> args, string workingDirectory, OutputTail output, Action<string>? lineObserver = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Start(start, Path.GetFileName(fileName), workingDirectory, output, lineObserver);
    }

    private static ChildProcess Start(ProcessStartInfo start, string command, string workingDirectory, OutputTail output, Action<string>? lineObserver)
    {
        ArgumentNullException.ThrowIfNull(output);
        start.WorkingDirectory = workingDirectory;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            output.Add(line);
            if (line is not null)
            {
                lineObserver?.Invoke(line);
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => output.Ended();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, command, output);
    }

    /// <summary>The exit code, or "unknown" while the process runs.</summary>
    public string ExitCode => _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";

    /// <summary>How the process ended, with its last output, if it has; null while it runs.</summary>
    public string? ExitedWith()
    {
        _process.Refresh();
        return _process.HasExited ? $"{Command} exited with code {ExitCode}: {Output.Text}" : null;
    }

    /// <summary>The process's CPU time so far (user + system, from <c>/proc/&lt;pid&gt;/stat</c> on Linux); null once it has exited.</summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? null : _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>VmRSS and VmHWM (peak) of the process in bytes, or null where /proc does not tell.</summary>
    public (long Rss, long? Peak)? Memory() => ProcStatus.Read(_process.Id);

    /// <summary>Stops the process (SIGTERM, then a kill after 10 s) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(_stopTimeout);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }
}
