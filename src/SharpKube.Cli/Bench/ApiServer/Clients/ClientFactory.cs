using System.Net;
using System.Net.Http.Headers;
using k8s;

namespace SharpKube.Cli.Bench.ApiServer.Clients;

/// <summary>
/// Makes the benchmark's clients from the admin kubeconfig: <see cref="Kubernetes"/> instances, each with its own
/// connection (HTTP/2, as the client asks for it and the server offers it), and raw requests sent through their
/// <see cref="HttpClient"/> where the benchmark needs the bytes rather than objects.
/// </summary>
internal sealed class ClientFactory : IDisposable
{
    private readonly KubernetesClientConfiguration _config;
    private readonly List<Kubernetes> _clients = [];
    private readonly Lock _lock = new();

    public ClientFactory(string kubeconfigPath, Uri? server)
    {
        _config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        if (server is not null)
        {
            _config.Host = server.ToString();
        }

        if (_config.TokenProvider is not null)
        {
            throw new ApiServerBenchException("the kubeconfig's credentials come from a plugin; use one with a client certificate or a token");
        }
    }

    /// <summary>The HTTP versions of every response so far.</summary>
    public HttpVersionTally Versions { get; } = new();

    /// <summary>A new client with a connection of its own; disposed with the factory.</summary>
    public Kubernetes Create()
    {
        var client = new Kubernetes(_config, new HttpVersionObserver(Versions));
        lock (_lock)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>A GET of <paramref name="relativeUri"/> to send through <paramref name="client"/>'s <see cref="Kubernetes.HttpClient"/>.</summary>
    /// <param name="client">The client whose connection and credentials to use.</param>
    /// <param name="relativeUri">The path and query, e.g. <c>api/v1/namespaces/x/pods</c>.</param>
    /// <param name="accept">The Accept header.</param>
    /// <param name="version">The HTTP version, required exactly.</param>
    public HttpRequestMessage Get(Kubernetes client, string relativeUri, string accept, Version version)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, relativeUri))
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Accept.ParseAdd(accept);
        if (!string.IsNullOrEmpty(_config.AccessToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _config.AccessToken);
        }

        return request;
    }

    /// <summary>HTTP/2, which KubernetesClient asks for.</summary>
    public static Version Http2 => HttpVersion.Version20;

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }
}
