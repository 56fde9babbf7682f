using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using k8s;
using k8s.Models;
using SharpKube.Kubelet.Images;

namespace SharpKube.Cli.Tests.Commands;

public sealed class AgentCommandTests(AgentServerFixture server) : IClassFixture<AgentServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agent_WithAWrongToken_ExitsWithTheTokenRefused()
    {
        var run = await CliRun.AsProcessAsync("agent", "--server", server.Url.ToString(), "--token", "not-the-token",
            "--data-dir", TempDataDir(), "--node-name", "agent-wrong-token");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: the server at {server.Url} refused the token (401 Unauthorized)", run.Error.Trim());
    }

    [Fact]
    public async Task Agent_WithATokenOutsideSystemMasters_ExitsWithNotAnAdminToken()
    {
        var run = await CliRun.AsProcessAsync("agent", "--server", server.Url.ToString(), "--token", AgentServerFixture.ViewerToken,
            "--data-dir", TempDataDir(), "--node-name", "agent-viewer");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: the token is not a cluster administrator's token (403 Forbidden)", run.Error.Trim(), StringComparison.Ordinal);
        Assert.Contains("User \"viewer\"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_WithAnUnreachableServer_ExitsWithCannotReach()
    {
        var url = $"https://127.0.0.1:{UnusedPort()}/";

        var run = await CliRun.AsProcessAsync("agent", "--server", url, "--token", AgentServerFixture.Token, "--data-dir", TempDataDir());

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: cannot reach the server at {url}: Connection refused", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_WithAK10TokenOfAnotherCa_RefusesToTrustTheServer()
    {
        var otherHash = Convert.ToHexStringLower(SHA256.HashData("another cluster's CA"u8));

        var run = await CliRun.AsProcessAsync("agent", "--server", server.Url.ToString(), "--token", $"K10{otherHash}::server:{AgentServerFixture.Token}",
            "--data-dir", TempDataDir(), "--node-name", "agent-other-ca");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"not the {otherHash} in the token: refusing to trust it", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--server", "http://127.0.0.1:6443", "--server: \"http://127.0.0.1:6443\" is not an https:// URL")]
    [InlineData("--kubelet-port", "0", "--kubelet-port must be between 1 and 65535")]
    [InlineData("--node-ip", "10.0.0", "--node-ip: \"10.0.0\" is not an IP address")]
    [InlineData("--token", "K10abc::server:x", "error: --token: the CA hash of a K10 token must be 64 hexadecimal digits")]
    public async Task Agent_WithABadFlag_SaysWhatIsWrong(string flag, string value, string expected)
    {
        var args = new Dictionary<string, string> { ["--server"] = "https://127.0.0.1:1", ["--token"] = "t", ["--data-dir"] = TempDataDir() };
        args[flag] = value;

        var run = await CliRun.InProcessAsync(["agent", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(expected, run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_WithAK10Token_JoinsRegistersReadyRenewsItsLeaseAndRunsAHostNetworkPod()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-agent-").FullName;
        try
        {
            var images = Directory.CreateDirectory(Path.Combine(dataDir, "agent", "images")).FullName;
            await (await BusyboxImage.LoadAsync(cancellationToken: Ct)).WriteAsync(Path.Combine(images, "busybox.tar"), Ct);
            var caHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(server.DataDir, "pki", "ca.crt"), Ct)));
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.AdminKubeconfig));
            using (var agent = AgentProcess.Start("--server", server.Url.ToString(), "--token", $"K10{caHash}::server:{AgentServerFixture.Token}",
                "--data-dir", dataDir, "--node-name", "agent-1", "--kubelet-port", UnusedPort().ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                await WaitUntilAsync(agent, async () => (await TryReadNodeAsync(client))?.Status?.Conditions?
                    .Any(c => c.Type == "Ready" && c.Status == "True") == true, "node agent-1 is Ready");

                Assert.True(File.Exists(Path.Combine(dataDir, "agent", "kubelet.kubeconfig")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, "agent", "pki", "client-kubelet.key")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, "agent", "pki", "serving-kubelet.key")));

                var firstRenewal = (await client.CoordinationV1.ReadNamespacedLeaseAsync("agent-1", "kube-node-lease", cancellationToken: Ct)).Spec.RenewTime;
                await WaitUntilAsync(agent, async () =>
                    (await client.CoordinationV1.ReadNamespacedLeaseAsync("agent-1", "kube-node-lease", cancellationToken: Ct)).Spec.RenewTime > firstRenewal,
                    "the Lease of agent-1 is renewed");

                await client.CoreV1.CreateNamespacedPodAsync(HostNetworkPod("agent-hello", "echo hello from agent-1"), "default", cancellationToken: Ct);
                await WaitUntilAsync(agent, async () =>
                    (await client.CoreV1.ReadNamespacedPodAsync("agent-hello", "default", cancellationToken: Ct)).Status?.Phase == "Succeeded",
                    "pod agent-hello Succeeded");

                // The API server reaches the agent's kubelet over TLS (its serving certificate) with its cluster-CA client certificate.
                using var logs = new StreamReader(await client.CoreV1.ReadNamespacedPodLogAsync("agent-hello", "default", cancellationToken: Ct));
                Assert.Equal("hello from agent-1", (await logs.ReadToEndAsync(Ct)).Trim());

                // Deleted while the agent runs, so its kubelet removes what the pod left (containers, cgroups, volumes).
                // A finished pod leaves the API at once; the kubelet cleans up after that.
                var uid = (await client.CoreV1.ReadNamespacedPodAsync("agent-hello", "default", cancellationToken: Ct)).Metadata.Uid;
                await client.CoreV1.DeleteNamespacedPodAsync("agent-hello", "default", cancellationToken: Ct);
                await WaitUntilAsync(agent, () => Task.FromResult(
                    !Directory.Exists(Path.Combine(dataDir, "agent", "pods", uid))
                    && !Directory.EnumerateDirectories("/sys/fs/cgroup").Any(h => Directory.Exists(Path.Combine(h, "kubepods", "besteffort", "pod" + uid)))),
                    "the agent's kubelet removed the pod's directory and cgroups");
                Assert.Equal(0, await agent.StopAsync(TimeSpan.FromSeconds(60)));
            }
        }
        finally
        {
            await AgentHostCleanup.RemoveAsync(dataDir, CancellationToken.None);
        }
    }

    private static V1Pod HostNetworkPod(string name, string script) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            NodeName = "agent-1",
            HostNetwork = true,
            RestartPolicy = "Never",
            AutomountServiceAccountToken = false,
            TerminationGracePeriodSeconds = 1,
            Containers = [new V1Container { Name = "main", Image = BusyboxImage.Reference, ImagePullPolicy = "IfNotPresent", Command = ["sh", "-c", script] }],
        },
    };

    private static async Task<V1Node?> TryReadNodeAsync(Kubernetes client)
    {
        try
        {
            return await client.CoreV1.ReadNodeAsync("agent-1", cancellationToken: Ct);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    // Polls with a deadline long enough for a first containerd start and image import; fails early if the agent exits.
    private static async Task WaitUntilAsync(AgentProcess agent, Func<Task<bool>> condition, string because)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!await condition())
        {
            Assert.False(agent.HasExited, $"the agent exited before {because}:\n{agent.Output}");
            Assert.True(DateTime.UtcNow < until, $"timed out waiting until {because}; the agent printed:\n{agent.Output}");
            await Task.Delay(200, Ct);
        }
    }

    private static string TempDataDir() => Path.Combine(Path.GetTempPath(), "sharpkube-agent-unused-" + Guid.NewGuid().ToString("N"));

    // A port nothing listens on once the listener is gone: for the agent's kubelet, or for a server that is not there.
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
