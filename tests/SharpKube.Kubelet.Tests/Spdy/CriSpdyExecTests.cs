using SharpKube.ApiMachinery.HttpStream.Spdy;
using SharpKube.Kubelet.Tests.Probes;

namespace SharpKube.Kubelet.Tests.Spdy;

/// <summary>Our SPDY client against a real SPDY peer: containerd's CRI streaming server (moby/spdystream).</summary>
public sealed class CriSpdyExecTests(ProbeContainers containers) : IClassFixture<ProbeContainers>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exec_OverSpdy_RelaysStdinUntilHalfClose_AndReportsTheExitCode()
    {
        var containerId = await CriStreaming.StartIdleContainerAsync(containers);
        var url = await CriStreaming.ExecUrlAsync(containers, containerId, new ExecRequestOptions(true, true, true), "sh", "-c", "cat; echo err >&2; exit 3");
        var (connection, protocol) = await CriStreaming.ConnectAsync(url);
        await using var _ = connection;
        Assert.Equal("v4.channel.k8s.io", protocol);

        var error = await connection.OpenStreamAsync(new SpdyHeaders().Add("streamType", "error"), cancellationToken: Ct);
        var stdin = await connection.OpenStreamAsync(new SpdyHeaders().Add("streamType", "stdin"), cancellationToken: Ct);
        var stdout = await connection.OpenStreamAsync(new SpdyHeaders().Add("streamType", "stdout"), cancellationToken: Ct);
        var stderr = await connection.OpenStreamAsync(new SpdyHeaders().Add("streamType", "stderr"), cancellationToken: Ct);
        await Task.WhenAll(error.Reply, stdin.Reply, stdout.Reply, stderr.Reply).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var output = CriStreaming.ReadToEndAsync(stdout);
        var errors = CriStreaming.ReadToEndAsync(stderr);
        var status = CriStreaming.ReadToEndAsync(error);
        await stdin.WriteAsync("abc"u8.ToArray(), Ct);
        await stdin.CloseWriteAsync(Ct);

        await Task.WhenAll(output, errors, status).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal("abc", await output);
        Assert.Equal("err\n", await errors);
        Assert.Contains("\"reason\":\"NonZeroExitCode\"", await status, StringComparison.Ordinal);
        Assert.Contains("{\"reason\":\"ExitCode\",\"message\":\"3\"}", await status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_OverSpdy_WithLargeInput_EchoesEveryByte()
    {
        var containerId = await CriStreaming.StartIdleContainerAsync(containers);
        var url = await CriStreaming.ExecUrlAsync(containers, containerId, new ExecRequestOptions(true, true, false), "cat");
        var (connection, _) = await CriStreaming.ConnectAsync(url);
        await using var _ = connection;
        var error = await connection.OpenStreamAsync(new SpdyHeaders().Add("streamType", "error"), cancellationToken: Ct);
        var stdin = await connection.OpenStreamAsync(new SpdyHeaders().Add("streamType", "stdin"), cancellationToken: Ct);
        var stdout = await connection.OpenStreamAsync(new SpdyHeaders().Add("streamType", "stdout"), cancellationToken: Ct);
        await Task.WhenAll(error.Reply, stdin.Reply, stdout.Reply).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // Far beyond one 64 KiB window: the peer never grants credit, so this only passes if we do not wait for it.
        var input = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"line {i}\n"));
        var output = CriStreaming.ReadToEndAsync(stdout);
        var status = CriStreaming.ReadToEndAsync(error);
        await stdin.WriteAsync(System.Text.Encoding.ASCII.GetBytes(input), Ct);
        await stdin.CloseWriteAsync(Ct);

        await Task.WhenAll(output, status).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Equal(input.Length, (await output).Length);
        Assert.Equal(input, await output);
        Assert.Contains("Success", await status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_WithAUsedToken_IsRefusedWith404()
    {
        var containerId = await CriStreaming.StartIdleContainerAsync(containers);
        var url = await CriStreaming.ExecUrlAsync(containers, containerId, new ExecRequestOptions(false, true, false), "true");
        var (connection, _) = await CriStreaming.ConnectAsync(url);
        await connection.DisposeAsync();

        var refused = await Assert.ThrowsAsync<SpdyUpgradeException>(() => CriStreaming.ConnectAsync(url));

        Assert.Equal(404, refused.StatusCode);
    }
}
