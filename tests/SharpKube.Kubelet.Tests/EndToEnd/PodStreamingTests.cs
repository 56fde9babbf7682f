using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using SharpKube.Kubelet.Containerd;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Runtime;
using SharpKube.Kubelet.Tests.Streaming;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>
/// exec and port-forward through the API server and the kubelet to containerd, with the real kubectl 1.28 (SPDY only),
/// 1.30 (WebSocket exec, raw SPDY port-forward), 1.32 and 1.33 (WebSocket exec; SPDY tunnelled in WebSocket for
/// port-forward) and the official client.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class PodStreamingTests(ClusterFixture cluster) : IAsyncLifetime
{
    private const string Page = "served-by-busybox-httpd";

    private int _kubeletConnectionsBefore;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KubectlRunner Kubectl(string version) =>
        new(cluster.Kubeconfig, Path.Combine(cluster.DataDir, "home-" + version),
            KubectlRunner.FindVersioned(version) ?? throw new InvalidOperationException($"kubectl.{version} is not installed"));

    public async ValueTask InitializeAsync()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers =
                [
                    new V1Container
                    {
                        Name = "main",
                        Image = "busybox:1.35",
                        Command = ["sh", "-c", $"mkdir -p /www && echo {Page} > /www/index.html && exec httpd -f -p 80 -h /www"],
                    },
                ],
            },
        }, "default", cancellationToken: Ct);
        await cluster.WaitForPodAsync("default", "web", p => p.Status?.Phase == "Running", "web runs");
        var node = await cluster.Client.CoreV1.ReadNodeAsync(ClusterFixture.NodeName, cancellationToken: Ct);
        _kubeletConnectionsBefore = TcpConnections.WithPort(node.Status.DaemonEndpoints.KubeletEndpoint.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await cluster.Kubectl.RunAsync("delete", "pod", "web", "done", "--ignore-not-found", "--wait=true");
        await cluster.AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.30")]
    [InlineData("1.32")]
    [InlineData("1.33")]
    public async Task KubectlExec_PassesStdoutStderrAndTheExitCode(string version)
    {
        var result = await Kubectl(version).RunAsync("exec", "web", "--", "sh", "-c", "echo out; echo err >&2; exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Output);
        Assert.StartsWith("err\n", result.Error, StringComparison.Ordinal);
        Assert.Contains("command terminated with exit code 3", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.30")]
    [InlineData("1.32")]
    [InlineData("1.33")]
    public async Task KubectlExecWithStdin_PipesInputToTheCommand(string version)
    {
        var result = await Kubectl(version).RunWithInputAsync("abc\n", "exec", "-i", "web", "--", "cat");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("abc\n", result.Output);
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.30")]
    [InlineData("1.32")]
    [InlineData("1.33")]
    public async Task KubectlPortForward_CarriesSequentialAndParallelRequests(string version)
    {
        using var forward = Kubectl(version).Start("port-forward", "pod/web", ":80");
        try
        {
            var port = await ForwardedPortAsync(forward);

            for (var i = 0; i < 50; i++)
            {
                Assert.Contains(Page, await GetAsync(port), StringComparison.Ordinal);
            }
            var parallel = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => GetAsync(port)));
            Assert.All(parallel, page => Assert.Contains(Page, page, StringComparison.Ordinal));
        }
        finally
        {
            forward.Kill();
            await forward.WaitForExitAsync(Ct);
        }
        await AssertNoStreamingConnectionLeftAsync();
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.30")]
    [InlineData("1.32")]
    [InlineData("1.33")]
    public async Task KubectlPortForward_ToAClosedPort_ReportsTheRefusal_AndTheNextForwardWorks(string version)
    {
        var kubectl = Kubectl(version);
        using (var forward = kubectl.Start("port-forward", "pod/web", ":81"))
        {
            var closed = await ForwardedPortAsync(forward);

            Assert.DoesNotContain(Page, await GetAsync(closed), StringComparison.Ordinal);

            // kubectl ends its session on a forwarding error ("lost connection to pod"), after printing the runtime's reason.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            var errors = await forward.StandardError.ReadToEndAsync(deadline.Token);
            Assert.Contains("connect: connection refused", errors, StringComparison.Ordinal);
            await forward.WaitForExitAsync(deadline.Token);
        }
        using var next = kubectl.Start("port-forward", "pod/web", ":80");
        try
        {
            Assert.Contains(Page, await GetAsync(await ForwardedPortAsync(next)), StringComparison.Ordinal);
        }
        finally
        {
            next.Kill();
            await next.WaitForExitAsync(Ct);
        }
        await AssertNoStreamingConnectionLeftAsync();
    }

    [Fact]
    public async Task ClientPortForward_OverWebSocket_ReachesThePod_AndReportsAClosedPortOnItsErrorChannel()
    {
        using var socket = await cluster.Client.WebSocketNamespacedPodPortForwardAsync("web", "default", [81, 80], "v4.channel.k8s.io", cancellationToken: Ct);
        var channels = new Dictionary<int, MemoryStream>();
        string Text(int channel) => channels.TryGetValue(channel, out var s) ? Encoding.UTF8.GetString(s.ToArray()) : "";

        // Port 81 (index 0) uses channels 0 and 1, port 80 (index 1) channels 2 and 3; each starts with its port number.
        await ChannelFrames.ReadUntilAsync(socket, channels, () => channels.TryGetValue(3, out var s) && s.Length >= 2 && Text(1).Length > 2);
        Assert.Contains("81", Text(1)[2..], StringComparison.Ordinal);

        await socket.SendAsync((byte[])[2, .. Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n")], WebSocketMessageType.Binary, true, Ct);
        await ChannelFrames.ReadUntilAsync(socket, channels, () => Text(2).Contains(Page, StringComparison.Ordinal));

        Assert.Contains(" 200 ", Text(2), StringComparison.Ordinal);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Ct);
        await AssertNoStreamingConnectionLeftAsync();
    }

    [Fact]
    public async Task StreamingRequests_ThatCannotBeServed_AreAnsweredWithAStatus()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "done" },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                TerminationGracePeriodSeconds = 1,
                Containers = [new V1Container { Name = "main", Image = "busybox:1.35", Command = ["true"] }],
            },
        }, "default", cancellationToken: Ct);
        await cluster.WaitForPodAsync("default", "done", p => p.Status?.Phase == "Succeeded", "done succeeds");
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig);
        using var admin = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateData)),
            Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateKeyData)));

        await AssertStatusAsync(admin, "/api/v1/namespaces/default/pods/web/exec?command=true&stdout=true&container=nope", 400, "BadRequest",
            "container nope is not valid for pod web");
        await AssertStatusAsync(admin, "/api/v1/namespaces/default/pods/done/exec?command=true&stdout=true", 400, "BadRequest",
            "cannot exec into a container in a completed pod; current phase is Succeeded");
        await AssertStatusAsync(admin, "/api/v1/namespaces/default/pods/nothere/exec?command=true&stdout=true", 404, "NotFound",
            "pods \"nothere\" not found");
        await AssertStatusAsync(admin, "/api/v1/namespaces/default/pods/web/exec?stdout=true", 400, "BadRequest",
            "you must specify at least one command for the container");
        await AssertStatusAsync(admin, "/api/v1/namespaces/default/pods/web/attach?tty=true&stderr=true", 400, "BadRequest",
            "you must specify at least 1 of stdin, stdout, stderr");

        var completed = await Kubectl("1.28").RunAsync("exec", "done", "--", "true");
        Assert.NotEqual(0, completed.ExitCode);
        Assert.Contains("cannot exec into a container in a completed pod; current phase is Succeeded", completed.Error, StringComparison.Ordinal);
        var missing = await Kubectl("1.32").RunAsync("exec", "web", "-c", "nope", "--", "true");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("container nope is not valid for pod web", missing.Error, StringComparison.Ordinal);
    }

    private async Task AssertStatusAsync(X509Certificate2 admin, string pathAndQuery, int code, string reason, string message)
    {
        var (status, body) = await RawUpgradeRequest.SendAsync(cluster.Port, admin, "POST", pathAndQuery, RawUpgradeRequest.Spdy);

        Assert.Equal(code, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Status", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(reason, json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(message, json.RootElement.GetProperty("message").GetString());
    }

    /// <summary>Sessions end with their clients: no connection to the kubelet's port or the runtime's streaming server is left.</summary>
    private async Task AssertNoStreamingConnectionLeftAsync()
    {
        var node = await cluster.Client.CoreV1.ReadNodeAsync(ClusterFixture.NodeName, cancellationToken: Ct);
        var kubeletPort = node.Status.DaemonEndpoints.KubeletEndpoint.Port;
        using var cri = CriClient.Connect(new ContainerdConfig(Path.Combine(cluster.DataDir, "agent")).Endpoint);
        var containers = await cri.Runtime.ListContainersAsync(new ListContainersRequest(), cancellationToken: Ct);
        var running = containers.Containers.First(c => c.State == ContainerState.ContainerRunning);
        var request = new ExecRequest { ContainerId = running.Id, Stdout = true };
        request.Cmd.Add("true");
        var streamPort = new Uri((await cri.Runtime.ExecAsync(request, cancellationToken: Ct)).Url).Port;
        await cluster.WaitUntilAsync(() => Task.FromResult(TcpConnections.WithPort(streamPort) == 0), TimeSpan.FromSeconds(20),
            "no connection to the runtime's streaming server is left");
        // Streaming connections are never pooled; the API server's log client may still hold idle ones from earlier tests,
        // which can only go away meanwhile.
        await cluster.WaitUntilAsync(() => Task.FromResult(TcpConnections.WithPort(kubeletPort) <= _kubeletConnectionsBefore), TimeSpan.FromSeconds(20),
            "no streaming connection to the kubelet is left");
    }

    private static async Task<int> ForwardedPortAsync(Process forward)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (await forward.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (ForwardingLine().Match(line) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException("kubectl port-forward exited: " + await forward.StandardError.ReadToEndAsync(Ct));
    }

    /// <summary>GET / over a new connection to 127.0.0.1:<paramref name="port"/>; what came back (empty when the connection was dropped).</summary>
    private static async Task<string> GetAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        var stream = client.GetStream();
        await stream.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray(), Ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        var response = new MemoryStream();
        try
        {
            await stream.CopyToAsync(response, deadline.Token);
        }
        catch (IOException)
        {
            // Reset by kubectl: nothing was forwarded.
        }
        return Encoding.UTF8.GetString(response.ToArray());
    }

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:(\d+) ->")]
    private static partial Regex ForwardingLine();
}
