using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.Kubelet.Tests.Images;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>
/// The interactive side of exec and attach through the API server: the official client's WebSocket exec in both the
/// protocol the API server translates to SPDY (v5, with the stdin close signal) and the one it passes through (v4),
/// kubectl with a terminal and its size, attach, <c>run -i --rm</c>, and <c>cp</c> both ways.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PodInteractiveTests(ClusterFixture cluster) : IAsyncLifetime
{
    private const string Pod = "talker";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KubectlRunner Kubectl(string version) =>
        new(cluster.Kubeconfig, Path.Combine(cluster.DataDir, "home-" + version), Binary(version));

    private static string Binary(string version) =>
        KubectlRunner.FindVersioned(version) ?? throw new InvalidOperationException($"kubectl.{version} is not installed");

    public async ValueTask InitializeAsync()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = Pod },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Containers =
                [
                    new V1Container
                    {
                        Name = "main",
                        Image = "busybox:1.35",
                        Command = ["sh", "-c", "i=0; while true; do echo tick-$i; i=$((i+1)); sleep 1; done"],
                    },
                ],
            },
        }, "default", cancellationToken: Ct);
        await cluster.WaitForPodAsync("default", Pod, p => p.Status?.Phase == "Running", Pod + " runs");
    }

    public async ValueTask DisposeAsync()
    {
        await cluster.Kubectl.RunAsync("delete", "pod", Pod, "--ignore-not-found", "--wait=true");
        await cluster.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ClientExecV5_ClosesStdinWithTheCloseSignal_AndEndsWithTheExitCode()
    {
        using var socket = await cluster.Client.WebSocketNamespacedPodExecAsync(Pod, "default", ["sh", "-c", "cat; echo err >&2; exit 3"], "main",
            true, true, true, false, "v5.channel.k8s.io", null, Ct);
        Assert.Equal("v5.channel.k8s.io", socket.SubProtocol);

        await socket.SendAsync((byte[])[0, .. "abc\n"u8.ToArray()], WebSocketMessageType.Binary, true, Ct);
        await socket.SendAsync((byte[])[255, 0], WebSocketMessageType.Binary, true, Ct);
        var channels = await ReadToCloseAsync(socket);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        Assert.Equal("abc\n", channels.GetValueOrDefault(1));
        Assert.Equal("err\n", channels.GetValueOrDefault(2));
        AssertExitCode(channels.GetValueOrDefault(3), 3);
    }

    [Fact]
    public async Task ClientExecV5_PassesArbitraryStdinBytes_AndIgnoresAnUnknownChannel()
    {
        var input = RandomNumberGenerator.GetBytes(64 * 1024);
        using var socket = await cluster.Client.WebSocketNamespacedPodExecAsync(Pod, "default", ["cat"], "main",
            false, true, true, false, "v5.channel.k8s.io", null, Ct);

        await socket.SendAsync((byte[])[9, 1, 2, 3], WebSocketMessageType.Binary, true, Ct);
        await socket.SendAsync((byte[])[0, .. input], WebSocketMessageType.Binary, true, Ct);
        await socket.SendAsync((byte[])[255, 0], WebSocketMessageType.Binary, true, Ct);
        var channels = await ChannelFrames.ReadToCloseAsync(socket);

        Assert.Equal(input, channels.GetValueOrDefault(1));
        Assert.Contains("\"Success\"", Encoding.UTF8.GetString(channels.GetValueOrDefault(3) ?? []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientExecV5_AClientThatVanishesMidCommand_LeavesNoConnectionToTheKubelet()
    {
        var node = await cluster.Client.CoreV1.ReadNodeAsync(ClusterFixture.NodeName, cancellationToken: Ct);
        var kubeletPort = node.Status.DaemonEndpoints.KubeletEndpoint.Port;
        var before = Streaming.TcpConnections.WithPort(kubeletPort);
        var socket = await cluster.Client.WebSocketNamespacedPodExecAsync(Pod, "default", ["sleep", "30"], "main",
            false, false, true, false, "v5.channel.k8s.io", null, Ct);
        var buffer = new byte[16];
        await socket.ReceiveAsync(buffer, Ct); // the session is up: its first, empty stdout message

        socket.Abort();
        socket.Dispose();

        await cluster.WaitUntilAsync(() => Task.FromResult(Streaming.TcpConnections.WithPort(kubeletPort) <= before), TimeSpan.FromSeconds(20),
            "the translated session's connection to the kubelet is closed");
    }

    [Fact]
    public async Task ClientExecV4_IsPassedToTheKubelet_AndEndsWithTheExitCode()
    {
        using var socket = await cluster.Client.WebSocketNamespacedPodExecAsync(Pod, "default", ["sh", "-c", "echo out; echo err >&2; exit 2"], "main",
            true, false, true, false, "v4.channel.k8s.io", null, Ct);

        var channels = await ReadToCloseAsync(socket);

        Assert.Equal("out\n", channels.GetValueOrDefault(1));
        Assert.Equal("err\n", channels.GetValueOrDefault(2));
        AssertExitCode(channels.GetValueOrDefault(3), 2);
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.30")]
    [InlineData("1.32")]
    [InlineData("1.33")]
    public async Task KubectlExecWithATerminal_PassesItsSizeToTheContainer(string version)
    {
        // script(1) gives kubectl a terminal of 30 rows and 100 columns; kubectl sends that size on the resize stream.
        // The command may start before the first resize lands (as with upstream's kubelet), so it waits for a size.
        const string WaitForSize = "for i in $(seq 1 100); do s=$(stty size 2>/dev/null); [ -n \"$s\" ] && [ \"$s\" != \"0 0\" ] && echo \"$s\" && exit 0; sleep 0.1; done; exit 1";
        var command = $"stty rows 30 cols 100; {Binary(version)} --kubeconfig {cluster.Kubeconfig} exec -it {Pod} -- sh -c '{WaitForSize}'";
        var result = await ChildProcess.RunAsync("script", "-qec", command, "/dev/null");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stdout} {result.Stderr}");
        Assert.Contains("30 100", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.30")]
    [InlineData("1.32")]
    [InlineData("1.33")]
    public async Task KubectlAttach_StreamsTheOutputOfTheRunningProcess(string version)
    {
        using var attach = Kubectl(version).Start("attach", Pod, "-c", "main");
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            string? line;
            do
            {
                line = await attach.StandardOutput.ReadLineAsync(deadline.Token);
            }
            while (line is not null && !line.StartsWith("tick-", StringComparison.Ordinal));

            Assert.NotNull(line);
        }
        finally
        {
            attach.Kill();
            await attach.WaitForExitAsync(Ct);
        }
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.30")]
    [InlineData("1.32")]
    [InlineData("1.33")]
    public async Task KubectlRunInteractive_WithRm_PipesStdinAndRemovesThePod(string version)
    {
        var name = "run-" + version.Replace('.', '-');

        var result = await Kubectl(version).RunWithInputAsync("hello-from-stdin\n", "run", name, "--image=busybox:1.35", "-i", "--rm", "--restart=Never",
            "--", "cat");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains("hello-from-stdin", result.Output, StringComparison.Ordinal);
        await cluster.WaitUntilAsync(async () => (await cluster.Kubectl.RunAsync("get", "pod", name)).ExitCode != 0, TimeSpan.FromSeconds(60),
            $"pod {name} is removed");
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.30")]
    [InlineData("1.32")]
    [InlineData("1.33")]
    public async Task KubectlRunWithATerminal_WithRm_RunsAnInteractiveShellAndRemovesThePod(string version)
    {
        var name = "tty-" + version.Replace('.', '-');
        // script(1) gives kubectl a terminal and types the piped lines into it once kubectl reads them.
        var kubectl = $"{Binary(version)} --kubeconfig {cluster.Kubeconfig} run {name} --image=busybox:1.35 -it --rm --restart=Never -- sh";
        var typed = "printf 'echo from-the-shell-$((6*7))\\nexit\\n'";

        var result = await ChildProcess.RunAsync("sh", "-c", $"{typed} | script -qec \"{kubectl}\" /dev/null");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stdout} {result.Stderr}");
        Assert.Contains("from-the-shell-42", result.Stdout, StringComparison.Ordinal);
        await cluster.WaitUntilAsync(async () => (await cluster.Kubectl.RunAsync("get", "pod", name)).ExitCode != 0, TimeSpan.FromSeconds(60),
            $"pod {name} is removed");
    }

    [Theory]
    [InlineData("1.28")]
    [InlineData("1.30")]
    [InlineData("1.32")]
    [InlineData("1.33")]
    public async Task KubectlCp_TenMegabytesIntoAndOutOfThePod_ByteIdentical(string version)
    {
        var directory = Directory.CreateTempSubdirectory("sk-cp-").FullName;
        try
        {
            var source = Path.Combine(directory, "source.bin");
            var copy = Path.Combine(directory, "copy.bin");
            await File.WriteAllBytesAsync(source, RandomNumberGenerator.GetBytes(10 * 1024 * 1024), Ct);
            var kubectl = Kubectl(version);

            (await kubectl.RunAsync("cp", source, $"default/{Pod}:/tmp/blob.bin", "-c", "main")).EnsureSuccess();
            (await kubectl.RunAsync("cp", $"default/{Pod}:/tmp/blob.bin", copy, "-c", "main")).EnsureSuccess();

            Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(source, Ct)), SHA256.HashData(await File.ReadAllBytesAsync(copy, Ct)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void AssertExitCode(string? status, int exitCode)
    {
        Assert.NotNull(status);
        using var json = JsonDocument.Parse(status);
        var root = json.RootElement;
        Assert.Equal("Failure", root.GetProperty("status").GetString());
        Assert.Equal("NonZeroExitCode", root.GetProperty("reason").GetString());
        var cause = root.GetProperty("details").GetProperty("causes")[0];
        Assert.Equal("ExitCode", cause.GetProperty("reason").GetString());
        Assert.Equal(exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), cause.GetProperty("message").GetString());
    }

    /// <summary>Reads every message until the server closes, returning what each channel carried as text.</summary>
    private static async Task<Dictionary<int, string>> ReadToCloseAsync(WebSocket socket) =>
        (await ChannelFrames.ReadToCloseAsync(socket)).ToDictionary(c => c.Key, c => Encoding.UTF8.GetString(c.Value));
}
