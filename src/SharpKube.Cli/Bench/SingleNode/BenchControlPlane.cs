using System.Globalization;

namespace SharpKube.Cli.Bench.SingleNode;

/// <summary>
/// The benchmark's control plane: <c>sharpkube server --disable kubelet</c> as a child process on 127.0.0.1, port 0 —
/// API server, controller manager (its node IPAM gives the node a pod CIDR of the benchmark's own cluster CIDR) and
/// scheduler — so that the kubelet, another child process, is the only thing on the node side.
/// </summary>
internal sealed class BenchControlPlane : IAsyncDisposable
{
    /// <summary>The pod network, apart from the default 10.42.0.0/16 that another cluster on the machine may use.</summary>
    public const string ClusterCidr = "10.77.0.0/16";

    private const string ReadyLine = "sharpkube is ready";
    private const int TailLines = 20;
    private const string DefaultDisabled = "kubelet";
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(90);

    private readonly ChildProcess _process;
    private readonly string _disabled;

    private BenchControlPlane(ChildProcess process, string disabled, Uri url, string adminKubeconfig)
    {
        _process = process;
        _disabled = disabled;
        Url = url;
        AdminKubeconfig = adminKubeconfig;
    }

    /// <summary>The process, for its CPU time and memory.</summary>
    public ChildProcess Process => _process;

    /// <summary>The API server's URL.</summary>
    public Uri Url { get; }

    /// <summary>The administrator's kubeconfig the benchmark's client uses.</summary>
    public string AdminKubeconfig { get; }

    /// <summary>What runs, in words, for the report.</summary>
    public string Description => _disabled == DefaultDisabled
        ? $"sharpkube server child process (pid {_process.Id.ToString(CultureInfo.InvariantCulture)}): API server (sqlite), controller manager and " +
          $"scheduler, --disable kubelet, --cluster-cidr {ClusterCidr}"
        : $"sharpkube server child process (pid {_process.Id.ToString(CultureInfo.InvariantCulture)}): API server (sqlite), --disable {_disabled}, " +
          $"--cluster-cidr {ClusterCidr}";

    /// <summary>Starts the server over <paramref name="dataDir"/> and returns once it says it is ready.</summary>
    public static Task<BenchControlPlane> StartAsync(string dataDir, string workingDir, CancellationToken cancellationToken) =>
        StartAsync(dataDir, workingDir, DefaultDisabled, cancellationToken);

    /// <summary>
    /// Starts the server over <paramref name="dataDir"/> without the components in <paramref name="disabled"/> (the
    /// <c>--disable</c> list) and returns once it says it is ready.
    /// </summary>
    public static async Task<BenchControlPlane> StartAsync(string dataDir, string workingDir, string disabled, CancellationToken cancellationToken)
    {
        var output = new OutputTail(TailLines, ReadyLine);
        var process = ChildProcess.Start(
            ["server", "--data-dir", dataDir, "--bind-address", "127.0.0.1", "--https-port", "0", "--disable", disabled, "--cluster-cidr", ClusterCidr],
            workingDir, output);
        try
        {
            if (!await output.Ready.WaitAsync(_startTimeout, cancellationToken))
            {
                throw new NodeBenchException($"sharpkube server exited with code {process.ExitCode} before it was ready: {output.Text}");
            }

            var kubeconfig = Path.Combine(dataDir, "admin.kubeconfig");
            var url = new Uri(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig).Host);
            return new BenchControlPlane(process, disabled, url, kubeconfig);
        }
        catch (TimeoutException e)
        {
            await process.DisposeAsync();
            throw new NodeBenchException($"sharpkube server was not ready within {_startTimeout.TotalSeconds:0} s: {output.Text}", e);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
