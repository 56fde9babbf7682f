using System.Net.Sockets;
using System.Text;
using SharpKube.ApiMachinery.HttpStream.Spdy;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Tests.Probes;

namespace SharpKube.Kubelet.Tests.Spdy;

/// <summary>Exec sessions against containerd's CRI streaming server, over SPDY.</summary>
public static class CriStreaming
{
    /// <summary>A long-running busybox container to exec into, in the shared fixture.</summary>
    public static async Task<string> StartIdleContainerAsync(ProbeContainers containers)
    {
        var status = await containers.RunAsync(Guid.NewGuid().ToString(), "idle", "exec sleep 3600");
        return status.Id;
    }

    /// <summary>Asks CRI for an exec URL for <paramref name="command"/>.</summary>
    public static async Task<Uri> ExecUrlAsync(ProbeContainers containers, string containerId, ExecRequestOptions options, params string[] command)
    {
        var request = new ExecRequest { ContainerId = containerId, Stdin = options.Stdin, Stdout = options.Stdout, Stderr = options.Stderr, Tty = options.Tty };
        request.Cmd.Add(command);
        var response = await containers.Runtime.ExecAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        return new Uri(response.Url);
    }

    /// <summary>Connects over TCP and upgrades to SPDY with <c>v4.channel.k8s.io</c>.</summary>
    public static async Task<(SpdyConnection Connection, string Protocol)> ConnectAsync(Uri url)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port, TestContext.Current.CancellationToken);
        var stream = new NetworkStream(tcp.Client, ownsSocket: true);
        try
        {
            var upgraded = await SpdyUpgrade.ConnectAsync(stream, url, ["v4.channel.k8s.io"], cancellationToken: TestContext.Current.CancellationToken);
            return (new SpdyConnection(upgraded.Stream, isServer: false), upgraded.Protocol);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Everything a stream carries until the peer's FIN.</summary>
    public static async Task<string> ReadToEndAsync(SpdyStream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
