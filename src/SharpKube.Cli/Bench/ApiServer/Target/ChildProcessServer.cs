using System.Diagnostics;
using System.Globalization;
using SharpKube.Storage;

namespace SharpKube.Cli.Bench.ApiServer.Target;

/// <summary>
/// <c>sharpkube apiserver</c> run as a child process on 127.0.0.1, port 0: its CPU time and resident memory are its own,
/// read from the OS while the benchmark's clients load it.
/// </summary>
internal sealed class ChildProcessServer : IServerUnderTest
{
    private const string ReadyLine = "sharpkube is ready";
    private const int TailLines = 20;
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ScratchSpace _scratch;
    private readonly OutputTail _output;

    private ChildProcessServer(Process process, ScratchSpace scratch, OutputTail output, Uri url, string kubeconfigPath, string description)
    {
        _process = process;
        _scratch = scratch;
        _output = output;
        Url = url;
        KubeconfigPath = kubeconfigPath;
        Description = description;
    }

    /// <inheritdoc />
    public ServerMode Mode => ServerMode.ChildProcess;

    /// <inheritdoc />
    public Uri Url { get; }

    /// <inheritdoc />
    public string KubeconfigPath { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Starts <c>sharpkube apiserver</c> and returns once it logs that it is ready.</summary>
    public static async Task<ChildProcessServer> StartAsync(ApiServerBenchOptions options, ScratchSpace scratch, CancellationToken cancellationToken)
    {
        List<string> args =
        [
            "apiserver", "--data-dir", scratch.DataDir, "--bind-address", "127.0.0.1", "--https-port", "0",
            "--datastore", options.Datastore.ToString().ToLowerInvariant(),
        ];
        if (options.Datastore == DatastoreDriver.Etcd)
        {
            args.AddRange(["--etcd-endpoints", string.Join(",", scratch.EtcdEndpoints)]);
        }

        var output = new OutputTail(TailLines, ReadyLine);
        var start = SelfCommand.Create(args);
        start.WorkingDirectory = scratch.WorkingDir;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Exited += (_, _) => output.Ended();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = await output.Ready.WaitAsync(_startTimeout, cancellationToken);
            if (!ready)
            {
                throw new ApiServerBenchException($"sharpkube apiserver exited with code {ExitCode(process)} before it was ready: {output.Text}");
            }

            var kubeconfig = Path.Combine(scratch.DataDir, "admin.kubeconfig");
            var url = new Uri(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig).Host);
            var pid = process.Id.ToString(CultureInfo.InvariantCulture);
            return new ChildProcessServer(process, scratch, output, url, kubeconfig,
                $"sharpkube apiserver child process (pid {pid}), {scratch.DatastoreDescription(options.Datastore)}");
        }
        catch (TimeoutException e)
        {
            await StopAsync(process);
            process.Dispose();
            throw new ApiServerBenchException($"sharpkube apiserver was not ready within {_startTimeout.TotalSeconds:0} s: {output.Text}", e);
        }
        catch
        {
            await StopAsync(process);
            process.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string? ExitedWith()
    {
        _process.Refresh();
        return _process.HasExited ? $"sharpkube apiserver exited with code {ExitCode(_process)}: {_output.Text}" : null;
    }

    /// <inheritdoc />
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

    /// <inheritdoc />
    public ServerMemorySample? MeasureMemory() => ProcStatus.Read(_process.Id) is { } status
        ? new ServerMemorySample(status.Rss, status.Peak, "VmRSS of the sharpkube apiserver process (/proc/<pid>/status)", IncludesClient: false)
        : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(_process);
            _process.Dispose();
        }
        finally
        {
            await _scratch.DisposeAsync();
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        // SIGTERM first, so the server closes its datastore as it would on a normal stop.
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(_stopTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string ExitCode(Process process) =>
        process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
}
