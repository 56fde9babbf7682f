using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Http;
using SharpKube.Storage;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>
/// A real API server started in-process on 127.0.0.1 port 0 with a temporary data directory and the SQLite
/// datastore, and a KubernetesClient authenticated through the admin kubeconfig it writes.
/// </summary>
public class ApiServerFixture : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sharpkube-controllers-test-").FullName;

    /// <summary>The running server.</summary>
    public RunningApiServer Server { get; private set; } = null!;

    /// <summary>A KubernetesClient authenticated as the cluster administrator.</summary>
    public Kubernetes Client { get; private set; } = null!;

    /// <summary>Request-handling settings the server starts with; override to change them.</summary>
    protected virtual ApiServerSettings Settings => new();

    /// <summary>A new KubernetesClient with the admin kubeconfig (each elector or informer can have its own).</summary>
    public Kubernetes NewClient() =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.AdminKubeconfigPath));

    /// <summary>A new admin client whose requests pass through <paramref name="handlers"/> (e.g. to slow its watches down).</summary>
    public Kubernetes NewClient(params DelegatingHandler[] handlers) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.AdminKubeconfigPath), handlers);

    /// <summary>Creates a namespace for one test.</summary>
    public async Task<string> NamespaceAsync(string name)
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } },
            cancellationToken: TestContext.Current.CancellationToken);
        return name;
    }

    /// <summary>
    /// Whether the API server's stopgap namespace finalizer runs (it does by default); fixtures for the namespace
    /// controller turn it off so the controller alone empties deleted namespaces.
    /// </summary>
    protected virtual bool FinalizeNamespaces => true;

    /// <summary>The data directory of the server.</summary>
    public string DataDir => _dataDir;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        Server = await ApiServerHost.StartAsync(new ApiServerOptions
        {
            DataDir = _dataDir,
            BindAddress = IPAddress.Loopback,
            HttpsPort = 0,
            Datastore = DatastoreDriver.Sqlite,
            Settings = Settings,
            FinalizeNamespaces = FinalizeNamespaces,
        }, NullLoggerFactory.Instance, CancellationToken.None);
        Client = NewClient();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        GC.SuppressFinalize(this);
    }
}
