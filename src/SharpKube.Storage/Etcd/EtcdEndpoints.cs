using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.Logging;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// The etcd members a store talks to, and the one gRPC channel over all of them.
/// </summary>
/// <remarks>
/// The channel balances round-robin over the members whose connection is up (grpc-dotnet's client-side balancer
/// with a fixed address list): a member that goes away is skipped and retried in the background with backoff, so
/// the store survives the loss of any member while one is left. Every member serves linearizable reads and
/// ordered watches, so it does not matter which one a call lands on.
/// </remarks>
internal sealed class EtcdEndpoints
{
    private EtcdEndpoints(IReadOnlyList<BalancerAddress> addresses, string display)
    {
        Addresses = addresses;
        Display = display;
    }

    /// <summary>The members' host/port pairs.</summary>
    public IReadOnlyList<BalancerAddress> Addresses { get; }

    /// <summary>The endpoints as the user wrote them, for messages.</summary>
    public string Display { get; }

    /// <summary>Validates the configured URLs: absolute <c>http://host:port</c>, at least one.</summary>
    public static EtcdEndpoints Parse(IReadOnlyList<string> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("at least one etcd endpoint is required, e.g. http://127.0.0.1:2379", nameof(endpoints));
        }

        var addresses = new List<BalancerAddress>(endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
            {
                throw new ArgumentException($"etcd endpoint \"{endpoint}\" is not an http://host:port URL (TLS is not supported yet)", nameof(endpoints));
            }

            addresses.Add(new BalancerAddress(uri.Host, uri.Port));
        }

        return new EtcdEndpoints(addresses, string.Join(", ", endpoints));
    }

    /// <summary>A channel that balances over every member.</summary>
    public GrpcChannel CreateChannel(TimeSpan connectTimeout, ILoggerFactory loggerFactory)
    {
        var handler = new SocketsHttpHandler
        {
            // Past etcd's per-connection stream limit (one stream per watch), open another connection, don't queue.
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = connectTimeout,
            // Watches are long-lived and mostly idle: pings notice a member that vanished without closing the socket.
            // etcd's default --grpc-keepalive-min-time is 5 s, so 30 s never counts as abuse.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        return GrpcChannel.ForAddress("static:///etcd", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            Credentials = ChannelCredentials.Insecure,
            ServiceProvider = new StaticResolverServices(new StaticResolverFactory(_ => Addresses)),
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },
            // A list of large values can exceed gRPC's 4 MiB default; etcd bounds what it sends, as kube-apiserver trusts it to.
            MaxReceiveMessageSize = null,
            ThrowOperationCanceledOnCancellation = true,
            LoggerFactory = loggerFactory,
        });
    }
}
