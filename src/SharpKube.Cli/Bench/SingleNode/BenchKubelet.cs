using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SharpKube.ApiServer.Pki;
using SharpKube.Cli.Commands;
using SharpKube.Kubelet.Images;

namespace SharpKube.Cli.Bench.SingleNode;

/// <summary>
/// The node under test: <c>sharpkube kubelet</c> as a child process, so that its resident memory and CPU time are its
/// own (its managed containerd and the pods' shims are other processes). It runs as <c>system:node:NAME</c> with a
/// client certificate issued from the cluster PKI the server wrote into <c>&lt;data-dir&gt;/pki</c>, on a free port and a
/// pod bridge of its own so that it can share the machine with another cluster, with the busybox image imported at start.
/// </summary>
internal sealed class BenchKubelet : IAsyncDisposable
{
    /// <summary>The Node's name.</summary>
    public const string NodeName = "skbench";

    /// <summary>The pod bridge, apart from the default cni0.</summary>
    public const string CniBridge = "skbench0";

    private const string StartedLine = "Kubelet on node " + NodeName;
    private const int TailLines = 30;
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(120);

    private readonly ChildProcess _process;

    private BenchKubelet(ChildProcess process, int port, KubeletDebugClient debug)
    {
        _process = process;
        Port = port;
        Debug = debug;
    }

    /// <summary>The process, for its CPU time and memory.</summary>
    public ChildProcess Process => _process;

    /// <summary>The port of the kubelet's HTTPS server.</summary>
    public int Port { get; }

    /// <summary>A client of the kubelet's HTTPS server.</summary>
    public KubeletDebugClient Debug { get; }

    /// <summary>What runs, in words, for the report.</summary>
    public string Description =>
        $"sharpkube kubelet child process (pid {_process.Id.ToString(CultureInfo.InvariantCulture)}) as system:node:{NodeName}, managed containerd, " +
        $"bridge {CniBridge}, port {Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Issues the node's credentials, writes the busybox image into the agent's image directory, starts the kubelet and
    /// returns once it runs (its Node is registered and its informers synced).
    /// </summary>
    public static async Task<BenchKubelet> StartAsync(string dataDir, Uri server, string workingDir, CancellationToken cancellationToken)
    {
        // The server wrote the PKI at start; loading it with the server's defaults reuses every file as it is.
        var pki = ClusterPki.LoadOrCreate(Path.Combine(dataDir, "pki"), new PkiOptions(), TimeProvider.System);
        var kubeconfig = InProcessKubelet.KubeconfigPath(dataDir);
        KubeconfigFile.ForClientCertificate(server, pki.CaCertificatePem, pki.IssueClientCertificate("system:node:" + NodeName, ["system:nodes"]))
            .WriteTo(kubeconfig);
        var images = Path.Combine(dataDir, "agent", "images");
        Directory.CreateDirectory(images);
        await (await BusyboxImage.LoadAsync(cancellationToken: cancellationToken)).WriteAsync(Path.Combine(images, "busybox.tar"), cancellationToken);

        var port = FreePort();
        var output = new OutputTail(TailLines, StartedLine);
        var process = ChildProcess.Start(
            ["kubelet", "--kubeconfig", kubeconfig, "--data-dir", dataDir, "--node-name", NodeName, "--port", port.ToString(CultureInfo.InvariantCulture),
                "--cni-bridge", CniBridge],
            workingDir, output);
        try
        {
            if (!await output.Ready.WaitAsync(_startTimeout, cancellationToken))
            {
                throw new NodeBenchException($"sharpkube kubelet exited with code {process.ExitCode} before it ran: {output.Text}");
            }

            // The API server's own kubelet client identity: issued by the cluster CA, which the kubelet's server trusts.
            return new BenchKubelet(process, port, new KubeletDebugClient(port, pki.ApiServerKubeletClient.CreateCertificate()));
        }
        catch (TimeoutException e)
        {
            await process.DisposeAsync();
            throw new NodeBenchException($"sharpkube kubelet did not run within {_startTimeout.TotalSeconds:0} s: {output.Text}", e);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the kubelet (SIGTERM: it stops its containerd too) and releases the client.</summary>
    public async ValueTask DisposeAsync()
    {
        Debug.Dispose();
        await _process.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
