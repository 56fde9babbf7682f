using System.Net;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.Storage;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// A real API server started in-process on 127.0.0.1 port 0 with a temporary data directory and the
/// SQLite datastore, with a KubernetesClient and a kubectl runner pointed at it through the admin kubeconfig.
/// </summary>
public class ApiServerFixture : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sharpkube-apiserver-test-").FullName;

    /// <summary>The running server.</summary>
    public RunningApiServer Server { get; private set; } = null!;

    /// <summary>A KubernetesClient authenticated as the cluster administrator.</summary>
    public Kubernetes Client { get; private set; } = null!;

    /// <summary>kubectl with the admin kubeconfig.</summary>
    public KubectlRunner Kubectl { get; private set; } = null!;

    /// <summary>The data directory.</summary>
    public string DataDir => _dataDir;

    /// <summary>Options the server starts with; override to change them.</summary>
    protected virtual ApiServerOptions Options => new()
    {
        DataDir = _dataDir,
        BindAddress = IPAddress.Loopback,
        HttpsPort = 0,
        Datastore = DatastoreDriver.Sqlite,
        Token = "test-admin-token",
    };

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        Server = await ApiServerHost.StartAsync(Options, NullLoggerFactory.Instance, CancellationToken.None);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.AdminKubeconfigPath);
        Client = new Kubernetes(config);
        Kubectl = new KubectlRunner(Server.AdminKubeconfigPath, Path.Combine(_dataDir, "kubectl-home"));
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
