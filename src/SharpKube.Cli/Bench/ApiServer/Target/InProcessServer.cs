using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;

namespace SharpKube.Cli.Bench.ApiServer.Target;

/// <summary>The API server started inside the benchmark process: simplest to run, but its CPU and memory cannot be told apart from the clients'.</summary>
internal sealed class InProcessServer : IServerUnderTest
{
    private readonly RunningApiServer _server;
    private readonly ScratchSpace _scratch;

    private InProcessServer(RunningApiServer server, ScratchSpace scratch, string description)
    {
        _server = server;
        _scratch = scratch;
        Description = description;
    }

    /// <inheritdoc />
    public ServerMode Mode => ServerMode.InProcess;

    /// <inheritdoc />
    public Uri Url => _server.Url;

    /// <inheritdoc />
    public string KubeconfigPath => _server.AdminKubeconfigPath;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Starts the server on 127.0.0.1, port 0, over the datastore <paramref name="options"/> name.</summary>
    public static async Task<InProcessServer> StartAsync(ApiServerBenchOptions options, ScratchSpace scratch, CancellationToken cancellationToken)
    {
        var server = await ApiServerHost.StartAsync(new ApiServerOptions
        {
            DataDir = scratch.DataDir,
            BindAddress = IPAddress.Loopback,
            HttpsPort = 0,
            Datastore = options.Datastore,
            EtcdEndpoints = scratch.EtcdEndpoints,
        }, NullLoggerFactory.Instance, cancellationToken);
        return new InProcessServer(server, scratch, $"in-process, {scratch.DatastoreDescription(options.Datastore)}");
    }

    /// <inheritdoc />
    public TimeSpan? CpuTime() => null;

    /// <inheritdoc />
    public ServerMemorySample? MeasureMemory()
    {
        // Only live objects should count, as they would in a server that has been running a while.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        var status = ProcStatus.Read(self.Id);
        return new ServerMemorySample(
            status?.Rss ?? self.WorkingSet64,
            status?.Peak ?? self.PeakWorkingSet64,
            "working set of the benchmark process after a full GC (server and clients together)",
            IncludesClient: true,
            ManagedHeapBytes: GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes);
    }

    /// <inheritdoc />
    public string? ExitedWith() => null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.DisposeAsync();
        }
        finally
        {
            await _scratch.DisposeAsync();
        }
    }
}
