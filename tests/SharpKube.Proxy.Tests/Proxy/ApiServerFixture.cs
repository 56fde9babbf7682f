using System.Net;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.Storage;

namespace SharpKube.Proxy.Tests.Proxy;

/// <summary>A real API server in-process on 127.0.0.1 port 0 with a temporary data directory, and an admin client.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sharpkube-proxy-test-").FullName;

    public RunningApiServer Server { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    public Kubernetes NewClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.AdminKubeconfigPath));

    public async ValueTask InitializeAsync()
    {
        Server = await ApiServerHost.StartAsync(new ApiServerOptions
        {
            DataDir = _dataDir,
            BindAddress = IPAddress.Loopback,
            HttpsPort = 0,
            Datastore = DatastoreDriver.Sqlite,
        }, NullLoggerFactory.Instance, CancellationToken.None);
        Client = NewClient();
    }

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
            // A file still held open: the temp directory is cleaned up by the system later.
        }
    }
}
