using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using SharpKube.Kubelet.Containerd;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Images;
using SharpKube.Kubelet.Runtime;
using SharpKube.Kubelet.Tests.Containerd;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>
/// A real single-node cluster for end-to-end tests: the <c>sharpkube server</c> process with its kubelet and managed
/// containerd in a fresh data directory, the busybox test image in its agent's image directory, and the real kubectl.
/// Disposing deletes the test pods, stops the server, then removes whatever the pods left: shims, mounts, pod
/// cgroups and the data directory.
/// </summary>
public sealed partial class ClusterFixture : IAsyncLifetime
{
    /// <summary>The Node's name.</summary>
    public const string NodeName = "sk-e2e";

    private readonly HashSet<string> _podUids = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _podUidWatch;
    private Process? _server;
    private Task? _drain;
    private readonly List<string> _log = [];
    private string _proxyMode = "iptables";

    /// <summary>The API server's port, the same across restarts, so clients and kubeconfigs stay valid.</summary>
    public int Port { get; } = FreePort();

    /// <summary>The data directory.</summary>
    public string DataDir { get; } = Path.Combine("/tmp", "skx-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The admin kubeconfig.</summary>
    public string Kubeconfig => Path.Combine(DataDir, "admin.kubeconfig");

    /// <summary>kubectl (1.32 when installed) with the admin kubeconfig.</summary>
    public KubectlRunner Kubectl { get; private set; } = null!;

    /// <summary>The official client with the admin kubeconfig.</summary>
    public Kubernetes Client { get; private set; } = null!;

    /// <summary>
    /// The node's upstream resolver (what its resolv.conf names, so what the cluster DNS forwards to): a dnsmasq on a
    /// loopback address of its own, answering <see cref="TestResolver.ExternalName"/>.
    /// </summary>
    public TestResolver Resolver { get; } = new();

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string ServerLog
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log.TakeLast(200));
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(DataDir, "agent", "images"));
        await (await BusyboxImage.LoadAsync()).WriteAsync(Path.Combine(DataDir, "agent", "images", "busybox.tar"), CancellationToken.None);
        await Resolver.StartAsync();
        await File.WriteAllTextAsync(ResolvConf, $"nameserver {TestResolver.Address}\n");
        await StartServerAsync();
        Kubectl = new KubectlRunner(Kubeconfig, Path.Combine(DataDir, "home"));
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig));
        _podUidWatch = RecordPodUidsAsync(_stop.Token);
        await WaitUntilAsync(async () =>
        {
            var ready = await Kubectl.RunAsync("get", "node", NodeName, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
            return ready.ExitCode == 0 && ready.Output == "True";
        }, TimeSpan.FromSeconds(90), "the node is Ready");
    }

    /// <summary>Starts the server (again, after <see cref="StopServerAsync"/>) and waits until it says it is ready.</summary>
    public async Task StartServerAsync()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sharpkube.dll"), "server", "--data-dir", DataDir, "--https-port", Port.ToString(CultureInfo.InvariantCulture),
            "--node-name", NodeName, "--proxy-mode", _proxyMode, "--resolv-conf", ResolvConf })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        _server = process;
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                Record(line);
            }
        });
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            Record(line);
            if (line.Contains("sharpkube is ready", StringComparison.Ordinal) && ApiUrl().IsMatch(line))
            {
                _drain = Task.Run(async () =>
                {
                    while (await process.StandardOutput.ReadLineAsync() is { } more)
                    {
                        Record(more);
                    }
                });
                return;
            }
        }
        throw new InvalidOperationException("sharpkube server exited before it was ready:\n" + ServerLog);
    }

    /// <summary>The service proxy's mode the server runs with now.</summary>
    public string ProxyMode => _proxyMode;

    /// <summary>The node's resolv.conf, naming <see cref="Resolver"/>.</summary>
    private string ResolvConf => Path.Combine(DataDir, "resolv.conf");

    /// <summary>Restarts the server with <c>--proxy-mode <paramref name="mode"/></c> unless it runs with it already; waits until the node is Ready.</summary>
    public async Task EnsureProxyModeAsync(string mode)
    {
        if (_proxyMode == mode)
        {
            return;
        }
        await StopServerAsync();
        _proxyMode = mode;
        await StartServerAsync();
        await WaitUntilAsync(async () =>
        {
            var ready = await Kubectl.RunAsync("get", "node", NodeName, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
            return ready.ExitCode == 0 && ready.Output == "True";
        }, TimeSpan.FromSeconds(90), "the node is Ready again");
    }

    /// <summary>Stops the server with SIGTERM (as a service manager would) and waits for it to exit.</summary>
    public async Task StopServerAsync()
    {
        if (_server is not { HasExited: false } server)
        {
            return;
        }
        ContainerdProcess.Signal(server.Id, 15);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await server.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            server.Kill(entireProcessTree: true);
        }
        if (_drain is not null)
        {
            await _drain;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with the server's log after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting until {what}.\nServer log:\n{ServerLog}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Reads the pod until <paramref name="condition"/> holds for it (90 s at most) and returns it.</summary>
    public async Task<V1Pod> WaitForPodAsync(string ns, string name, Func<V1Pod, bool> condition, string what)
    {
        V1Pod? found = null;
        await WaitUntilAsync(async () =>
        {
            try
            {
                found = await Client.CoreV1.ReadNamespacedPodAsync(name, ns);
                return condition(found);
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), what);
        return found!;
    }

    /// <summary>
    /// Once no pod is left on the node, nothing of them may be left either: no sandbox or container in the runtime, no pod
    /// cgroup, nothing mounted or kept under the agent's pod and log directories (waits up to 20 s for the kubelet).
    /// </summary>
    public async Task AssertNothingLeftAsync()
    {
        var agent = Path.Combine(DataDir, "agent");
        using var cri = CriClient.Connect(new ContainerdConfig(agent).Endpoint);
        var left = new List<string>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        do
        {
            left.Clear();
            var sandboxes = await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest());
            var containers = await cri.Runtime.ListContainersAsync(new ListContainersRequest());
            left.AddRange(sandboxes.Items.Select(s => "sandbox " + s.Metadata.Name));
            left.AddRange(containers.Containers.Select(c => "container " + c.Metadata.Name));
            // Only this cluster's pods: other tests on the machine run containers of their own at the same time.
            HashSet<string> ours;
            lock (_podUids)
            {
                ours = [.. _podUids];
            }
            left.AddRange(Directory.EnumerateDirectories("/sys/fs/cgroup")
                .SelectMany(h => new[] { "kubepods", "kubepods/burstable", "kubepods/besteffort" }.Select(p => Path.Combine(h, p)))
                .Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateDirectories(d, "pod*"))
                .Where(d => ours.Contains(Path.GetFileName(d)[3..]))
                .Select(d => "cgroup " + d));
            left.AddRange(File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4])
                .Where(m => m.StartsWith(Path.Combine(agent, "pods") + "/", StringComparison.Ordinal)).Select(m => "mount " + m));
            foreach (var dir in new[] { Path.Combine(agent, "pods"), Path.Combine(agent, "logs", "pods") })
            {
                if (Directory.Exists(dir))
                {
                    left.AddRange(Directory.EnumerateFileSystemEntries(dir).Select(e => "file " + e));
                }
            }
            if (left.Count == 0)
            {
                return;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);
        Assert.Fail("Left behind after the pods were deleted:\n" + string.Join('\n', left) + "\nServer log:\n" + ServerLog);
    }

    /// <summary>Remembers the uid of every pod the cluster ever had, so leftovers can be told from other tests' containers.</summary>
    private async Task RecordPodUidsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var pods = await Client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken);
                lock (_podUids)
                {
                    _podUids.UnionWith(pods.Items.Select(p => p.Metadata.Uid));
                }
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException)
            {
                // The server is restarting: try again.
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_server is { HasExited: false })
            {
                await Kubectl.RunAsync("delete", "pods", "--all", "--all-namespaces", "--wait=true", "--timeout=60s");
            }
        }
        finally
        {
            await _stop.CancelAsync();
            if (_podUidWatch is not null)
            {
                await _podUidWatch;
            }
            _stop.Dispose();
            await StopServerAsync();
            _server?.Dispose();
            Client?.Dispose();
            await CleanUpProxyRulesAsync();
            await Resolver.DisposeAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await HostCleanup.RemoveAsync(DataDir, timeout.Token);
        }
    }

    /// <summary>Removes the service proxy's rules (of both modes) from the host: <c>sharpkube proxy --cleanup</c>.</summary>
    private static async Task CleanUpProxyRulesAsync()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sharpkube.dll"), "proxy", "--cleanup" })
        {
            start.ArgumentList.Add(arg);
        }
        using var cleanup = Process.Start(start)!;
        await cleanup.WaitForExitAsync();
    }

    private void Record(string line)
    {
        lock (_log)
        {
            _log.Add(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"API server at (https://[^/ ]+)")]
    private static partial Regex ApiUrl();
}
