using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Runtime;

/// <summary>
/// A connection to a CRI v1 runtime (containerd) over its unix socket: one gRPC channel carrying both the runtime
/// and the image service. The channel connects lazily, so a client may be created before the runtime listens.
/// </summary>
public sealed class CriClient : IDisposable
{
    /// <summary>The largest message either side may send; image lists and verbose statuses can be large.</summary>
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan VersionCallTimeout = TimeSpan.FromSeconds(5);

    private readonly GrpcChannel _channel;
    private readonly TimeProvider _timeProvider;

    private CriClient(string endpoint, string socketPath, GrpcChannel channel, TimeProvider timeProvider, CriCallTimer? callTimer)
    {
        Endpoint = endpoint;
        SocketPath = socketPath;
        _channel = channel;
        _timeProvider = timeProvider;
        var invoker = callTimer is null ? channel.CreateCallInvoker() : channel.Intercept(callTimer);
        Runtime = new RuntimeService.RuntimeServiceClient(invoker);
        Images = new ImageService.ImageServiceClient(invoker);
    }

    /// <summary>The endpoint as "unix:///abs/path".</summary>
    public string Endpoint { get; }

    /// <summary>The absolute path of the runtime's unix socket.</summary>
    public string SocketPath { get; }

    /// <summary>The CRI runtime service (sandboxes, containers, exec, status).</summary>
    public RuntimeService.RuntimeServiceClient Runtime { get; }

    /// <summary>The CRI image service (pull, list, status, remove).</summary>
    public ImageService.ImageServiceClient Images { get; }

    /// <summary>
    /// Creates a client for <paramref name="endpoint"/>, either "unix:///abs/path" or "/abs/path". Nothing is
    /// dialled until the first call. <paramref name="timeProvider"/> times the retries of
    /// <see cref="WaitUntilServingAsync"/> (the system clock when null); <paramref name="callTimer"/>, when given, times every call.
    /// </summary>
    /// <exception cref="ArgumentException">The endpoint is not an absolute unix socket path.</exception>
    public static CriClient Connect(string endpoint, TimeProvider? timeProvider = null, CriCallTimer? callTimer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var socketPath = SocketPathOf(endpoint);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => ConnectUnixSocketAsync(socketPath, cancellationToken),
            // The runtime is local and long-lived: keep the one HTTP/2 connection, and notice a restarted runtime
            // through keep-alive pings rather than on the next call only.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
        };
        // The authority is irrelevant on a unix socket, but gRPC needs an http:// address to speak h2c.
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
        });
        return new CriClient("unix://" + socketPath, socketPath, channel, timeProvider ?? TimeProvider.System, callTimer);
    }

    /// <summary>
    /// Calls Version until the runtime answers, backing off briefly between attempts: right after start the socket
    /// may be missing or the CRI plugin may still be initialising.
    /// </summary>
    /// <exception cref="TimeoutException">The runtime did not answer within <paramref name="timeout"/>; the message
    /// carries the last error.</exception>
    public async Task<VersionResponse> WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var delay = FirstRetryDelay;
        Exception? lastError = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = timeout - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"The container runtime at {Endpoint} did not answer Version within {timeout.TotalSeconds:0.#} s; " +
                    $"last error: {lastError?.Message ?? "none"}", lastError);
            }

            try
            {
                var callTimeout = remaining < VersionCallTimeout ? remaining : VersionCallTimeout;
                return await Runtime.VersionAsync(
                    new VersionRequest { Version = "v1" },
                    // gRPC deadlines are wall-clock instants by contract.
                    deadline: DateTime.UtcNow + callTimeout,
                    cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = e;
            }

            remaining = timeout - _timeProvider.GetElapsedTime(started);
            var wait = delay < remaining ? delay : remaining;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _timeProvider, cancellationToken);
            }

            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();

    private static string SocketPathOf(string endpoint)
    {
        const string scheme = "unix://";
        var path = endpoint.StartsWith(scheme, StringComparison.Ordinal) ? endpoint[scheme.Length..] : endpoint;
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException(
                $"CRI endpoint '{endpoint}' must be \"unix:///absolute/path\" or \"/absolute/path\".", nameof(endpoint));
        }

        return path;
    }

    private static async ValueTask<Stream> ConnectUnixSocketAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
