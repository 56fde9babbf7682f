using SharpKube.Kubelet.Tests.Images;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>
/// Pods reach addresses outside their network from the node's address: an "outside" network namespace joined to the
/// host by a veth pair, with no route back to the pod network, answers a pod's request only if it was masqueraded.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PodEgressTests(ClusterFixture cluster) : IAsyncLifetime
{
    private const string Namespace = "sk-e2e-outside";
    private const string HostEnd = "sk-out0";
    private const string OutsideEnd = "sk-out1";
    private const string HostAddress = "198.18.0.1";
    private const string OutsideAddress = "198.18.0.2";
    private readonly string _wwwDir = Directory.CreateTempSubdirectory("sk-outside-www-").FullName;
    private System.Diagnostics.Process? _httpd;

    [Fact]
    public async Task APodsRequestToAnOutsideAddress_ArrivesFromTheNodesAddress()
    {
        (await cluster.Kubectl.RunAsync("run", "egress", "--image=busybox:1.35", "--restart=Never", "--", "sh", "-c",
            // busybox's static wget crashes resolving even a literal address; nc speaks the HTTP/1.0 request instead.
            $"for i in $(seq 1 20); do printf 'GET /cgi-bin/addr HTTP/1.0\\r\\n\\r\\n' | nc -w 2 {OutsideAddress} 8080 | tail -n 1 | grep . && exit 0; sleep 1; done; exit 1")).EnsureSuccess();
        try
        {
            var pod = await cluster.WaitForPodAsync("default", "egress", p => p.Status?.Phase is "Succeeded" or "Failed", "egress has finished");

            var logs = (await cluster.Kubectl.RunAsync("logs", "egress")).EnsureSuccess().Output;
            Assert.True(pod.Status.Phase == "Succeeded", $"the pod failed; it printed: {logs}");
            Assert.Equal(HostAddress, logs.Trim());
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "egress", "--wait=true");
            await cluster.AssertNothingLeftAsync();
        }
    }

    public async ValueTask InitializeAsync()
    {
        await DisposeNetworkAsync();
        await RunAsync("ip", "netns", "add", Namespace);
        await RunAsync("ip", "link", "add", HostEnd, "type", "veth", "peer", "name", OutsideEnd);
        await RunAsync("ip", "link", "set", OutsideEnd, "netns", Namespace);
        await RunAsync("ip", "addr", "add", HostAddress + "/30", "dev", HostEnd);
        await RunAsync("ip", "link", "set", HostEnd, "up");
        await RunAsync("ip", "netns", "exec", Namespace, "ip", "addr", "add", OutsideAddress + "/30", "dev", OutsideEnd);
        await RunAsync("ip", "netns", "exec", Namespace, "ip", "link", "set", OutsideEnd, "up");
        await RunAsync("ip", "netns", "exec", Namespace, "ip", "link", "set", "lo", "up");

        // busybox httpd answers /cgi-bin/addr with the address the request came from.
        var cgi = Path.Combine(_wwwDir, "cgi-bin");
        Directory.CreateDirectory(cgi);
        var script = Path.Combine(cgi, "addr");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho \"$REMOTE_ADDR\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _httpd = ChildProcess.Start("ip", "netns", "exec", Namespace, "busybox", "httpd", "-f", "-p", OutsideAddress + ":8080", "-h", _wwwDir);
    }

    public async ValueTask DisposeAsync()
    {
        if (_httpd is not null)
        {
            _httpd.Kill(entireProcessTree: true);
            await _httpd.WaitForExitAsync(CancellationToken.None);
            _httpd.Dispose();
        }

        await DisposeNetworkAsync();
        Directory.Delete(_wwwDir, recursive: true);
    }

    private static async Task DisposeNetworkAsync()
    {
        await ChildProcess.RunAsync("ip", "link", "del", HostEnd);
        await ChildProcess.RunAsync("ip", "netns", "del", Namespace);
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync(file, arguments);
        Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {result.Stderr}");
    }
}
