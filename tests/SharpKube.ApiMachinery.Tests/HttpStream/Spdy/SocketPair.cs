using System.Net;
using System.Net.Sockets;

namespace SharpKube.ApiMachinery.Tests.HttpStream.Spdy;

/// <summary>Two ends of a real loopback TCP connection.</summary>
public sealed class SocketPair : IAsyncDisposable
{
    private SocketPair(NetworkStream client, NetworkStream server)
    {
        Client = client;
        Server = server;
    }

    /// <summary>The connecting end.</summary>
    public NetworkStream Client { get; }

    /// <summary>The accepted end.</summary>
    public NetworkStream Server { get; }

    /// <summary>Connects a pair on 127.0.0.1 (port 0).</summary>
    public static async Task<SocketPair> ConnectAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        var accept = listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken).AsTask();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, TestContext.Current.CancellationToken);
        var server = await accept;
        return new SocketPair(new NetworkStream(client.Client, ownsSocket: true), new NetworkStream(server.Client, ownsSocket: true));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
