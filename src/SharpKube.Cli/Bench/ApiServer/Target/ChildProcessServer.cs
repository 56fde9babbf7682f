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

    private readonly ChildProcess _process;
    private readonly ScratchSpace _scratch;

    private ChildProcessServer(ChildProcess process, ScratchSpace scratch, Uri url, string kubeconfigPath, string description)
    {
        _process = process;
        _scratch = scratch;
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
    /// <summary>
    /// Starts the server on a scratch space of its own (for the component benchmarks): the space goes with the server,
    /// or at once when the server does not start.
    /// </summary>
    public static async Task<ChildProcessServer> StartOnScratchAsync(ApiServerBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var scratch = await ScratchSpace.CreateAsync(options, progress, cancellationToken);
        try
        {
            return await StartAsync(options, scratch, cancellationToken);
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server's data directory (its kubeconfig and PKI).</summary>
    public string DataDir => _scratch.DataDir;

    /// <summary>The scratch directory child processes run in.</summary>
    public string WorkingDir => _scratch.WorkingDir;

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
        var process = ChildProcess.Start(args, scratch.WorkingDir, output);
        try
        {
            var ready = await output.Ready.WaitAsync(_startTimeout, cancellationToken);
            if (!ready)
            {
                throw new ApiServerBenchException($"sharpkube apiserver exited with code {process.ExitCode} before it was ready: {output.Text}");
            }

            var kubeconfig = Path.Combine(scratch.DataDir, "admin.kubeconfig");
            var url = new Uri(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig).Host);
            var pid = process.Id.ToString(CultureInfo.InvariantCulture);
            return new ChildProcessServer(process, scratch, url, kubeconfig,
                $"sharpkube apiserver child process (pid {pid}), {scratch.DatastoreDescription(options.Datastore)}");
        }
        catch (TimeoutException e)
        {
            await process.DisposeAsync();
            throw new ApiServerBenchException($"sharpkube apiserver was not ready within {_startTimeout.TotalSeconds:0} s: {output.Text}", e);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public string? ExitedWith() => _process.ExitedWith();

    /// <inheritdoc />
    public TimeSpan? CpuTime() => _process.CpuTime();

    /// <inheritdoc />
    public ServerMemorySample? MeasureMemory() => _process.Memory() is { } status
        ? new ServerMemorySample(status.Rss, status.Peak, "VmRSS of the sharpkube apiserver process (/proc/<pid>/status)", IncludesClient: false)
        : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.DisposeAsync();
        }
        finally
        {
            await _scratch.DisposeAsync();
        }
    }
}
