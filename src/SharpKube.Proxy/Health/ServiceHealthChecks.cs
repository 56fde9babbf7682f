using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Routing;

namespace SharpKube.Proxy.Health;

/// <summary>
/// Serves each <c>externalTrafficPolicy: Local</c> Service's <c>spec.healthCheckNodePort</c>: 200 with the count of
/// this node's usable endpoints, or 503 when it has none, so a load balancer sends traffic only to nodes with endpoints.
/// </summary>
public sealed class ServiceHealthChecks : IAsyncDisposable
{
    private readonly IPAddress _bindAddress;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, SmallHttpServer> _servers = [];
    private Dictionary<int, (string Namespace, string Name, int LocalEndpoints)> _status = [];

    /// <summary>Health checks listening on <paramref name="bindAddress"/>.</summary>
    public ServiceHealthChecks(IPAddress bindAddress, ILogger logger)
    {
        _bindAddress = bindAddress ?? throw new ArgumentNullException(nameof(bindAddress));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The ports served now.</summary>
    public IReadOnlyCollection<int> Ports
    {
        get
        {
            lock (_lock)
            {
                return [.. _servers.Keys];
            }
        }
    }

    /// <summary>Serves the health check ports of <paramref name="state"/> and stops serving the others.</summary>
    public async Task UpdateAsync(ProxyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var status = new Dictionary<int, (string, string, HashSet<IPAddress>)>();
        foreach (var (name, service) in state.Services)
        {
            if (service.HealthCheckNodePort is < 1 or > 65535)
            {
                continue;
            }
            if (!status.TryGetValue(service.HealthCheckNodePort, out var entry))
            {
                status[service.HealthCheckNodePort] = entry = (name.Namespace, name.Name, []);
            }
            entry.Item3.UnionWith(ServiceEndpoints.Of(service, state.Endpoints.GetValueOrDefault(name)).Local.Select(e => e.Address));
        }
        List<SmallHttpServer> stopped = [];
        lock (_lock)
        {
            _status = status.ToDictionary(s => s.Key, s => (s.Value.Item1, s.Value.Item2, s.Value.Item3.Count));
            foreach (var port in _servers.Keys.Where(p => !status.ContainsKey(p)).ToList())
            {
                stopped.Add(_servers[port]);
                _servers.Remove(port);
            }
            foreach (var port in status.Keys.Where(p => !_servers.ContainsKey(p)))
            {
                try
                {
                    _servers[port] = SmallHttpServer.Start(new IPEndPoint(_bindAddress, port), (_, _) => Task.FromResult(Reply(port)));
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    _logger.LogWarning("Cannot serve the health check node port {Port}: {Error}", port, e.Message);
                }
            }
        }
        foreach (var server in stopped)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private HttpReply Reply(int port)
    {
        (string Namespace, string Name, int LocalEndpoints) entry;
        lock (_lock)
        {
            if (!_status.TryGetValue(port, out entry))
            {
                return HttpReply.Text(404, "no service\n");
            }
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("service");
            json.WriteString("namespace", entry.Namespace);
            json.WriteString("name", entry.Name);
            json.WriteEndObject();
            json.WriteNumber("localEndpoints", entry.LocalEndpoints);
            json.WriteEndObject();
        }
        return new HttpReply(entry.LocalEndpoints > 0 ? 200 : 503, "application/json", buffer.ToArray());
    }

    /// <summary>Stops every server.</summary>
    public async ValueTask DisposeAsync()
    {
        List<SmallHttpServer> servers;
        lock (_lock)
        {
            servers = [.. _servers.Values];
            _servers.Clear();
        }
        foreach (var server in servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
