using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// A single-member etcd server (the machine's <c>etcd</c> binary) run in a private data directory on free loopback
/// ports — for tests and for <c>sharpkube bench storage --driver etcd</c> when no endpoint is given.
/// </summary>
public sealed class EtcdProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly bool _ownsDataDir;

    private EtcdProcess(Process process, string dataDir, string clientUrl, bool ownsDataDir)
    {
        _process = process;
        DataDir = dataDir;
        ClientUrl = clientUrl;
        _ownsDataDir = ownsDataDir;
    }

    // Room for a value of StorageLimits.MaxValueBytes, its key and the transaction around them.
    private const int MaxRequestBytes = 2 * 1024 * 1024;

    /// <summary>The client URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string ClientUrl { get; }

    /// <summary>The server's data directory.</summary>
    public string DataDir { get; }

    /// <summary>
    /// Starts etcd and returns once it accepts client connections.
    /// </summary>
    /// <param name="etcdPath">The etcd binary; default <c>etcd</c> from PATH.</param>
    /// <param name="dataDir">The data directory; default a new temporary directory, deleted on dispose.</param>
    /// <param name="cancellationToken">Cancels the wait for readiness.</param>
    public static async Task<EtcdProcess> StartAsync(string? etcdPath = null, string? dataDir = null, CancellationToken cancellationToken = default)
    {
        var ownsDataDir = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("sharpkube-etcd-").FullName;
        var clientPort = FreeLoopbackPort();
        var peerPort = FreeLoopbackPort();
        var clientUrl = $"http://127.0.0.1:{clientPort}";
        var peerUrl = $"http://127.0.0.1:{peerPort}";
        var start = new ProcessStartInfo(etcdPath ?? "etcd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--name", "sharpkube", "--data-dir", dataDir,
                     "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                     "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                     "--initial-cluster", $"sharpkube={peerUrl}", "--initial-cluster-state", "new",
                     "--log-level", "error",
                     // etcd's 1.5 MiB default limits the whole request, so a value at the contract's 1.5 MiB limit
                     // (plus its key, in a transaction) would be refused; 2 MiB leaves room for both.
                     "--max-request-bytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        // etcd 3.4 on amd64 needs no flag; on other architectures it refuses to start without this.
        start.Environment["ETCD_UNSUPPORTED_ARCH"] = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("etcd did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {start.FileName}: {e.Message} (install Debian's etcd-server)", e);
        }

        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var etcd = new EtcdProcess(process, dataDir, clientUrl, ownsDataDir);
        try
        {
            await etcd.WaitUntilServingAsync(clientPort, log, cancellationToken);
            return etcd;
        }
        catch
        {
            await etcd.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server and removes its data directory if this instance created it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsDataDir && Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }

    private async Task WaitUntilServingAsync(int clientPort, System.Collections.Concurrent.ConcurrentQueue<string> log, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"etcd exited with code {_process.ExitCode}: {string.Join(" | ", log)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"{ClientUrl}/health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"etcd on port {clientPort} was not healthy after 30 s: {string.Join(" | ", log)}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
