using SharpKube.Storage;
using SharpKube.Storage.Etcd;

namespace SharpKube.Cli.Bench.ApiServer.Target;

/// <summary>
/// What a run sets up for the server it starts — a data directory (temporary unless given) and, for the etcd datastore
/// with no endpoints given, a private etcd — and removes again when disposed.
/// </summary>
internal sealed class ScratchSpace : IAsyncDisposable
{
    private readonly EtcdProcess? _etcd;
    private readonly bool _ownsDataDir;

    private ScratchSpace(string dataDir, bool ownsDataDir, IReadOnlyList<string> etcdEndpoints, EtcdProcess? etcd)
    {
        WorkingDir = Directory.CreateTempSubdirectory("sharpkube-bench-cwd-").FullName;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
        EtcdEndpoints = etcdEndpoints;
        _etcd = etcd;
    }

    /// <summary>
    /// An empty directory for the server process to run in: ASP.NET Core watches its content root (the working
    /// directory) for configuration changes, so a busy working directory would cost the server CPU the run does not
    /// mean to measure.
    /// </summary>
    public string WorkingDir { get; }

    /// <summary>The server's data directory.</summary>
    public string DataDir { get; }

    /// <summary>The etcd endpoints the server uses (empty unless the datastore is etcd).</summary>
    public IReadOnlyList<string> EtcdEndpoints { get; }

    /// <summary>The datastore in words, for the report.</summary>
    public string DatastoreDescription(DatastoreDriver driver) => driver switch
    {
        DatastoreDriver.Sqlite => $"sqlite in {DataDir}",
        DatastoreDriver.Etcd => $"etcd at {string.Join(",", EtcdEndpoints)}{(_etcd is null ? "" : " (private etcd)")}",
        _ => "memory",
    };

    /// <summary>Creates the data directory and, when needed, starts a private etcd.</summary>
    public static async Task<ScratchSpace> CreateAsync(ApiServerBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var ownsDataDir = options.DataDir is null;
        var dataDir = options.DataDir ?? Directory.CreateTempSubdirectory("sharpkube-bench-apiserver-").FullName;
        try
        {
            Directory.CreateDirectory(dataDir);
            if (options.Datastore != DatastoreDriver.Etcd || options.EtcdEndpoints.Count > 0)
            {
                return new ScratchSpace(dataDir, ownsDataDir, options.EtcdEndpoints, null);
            }

            await progress.WriteLineAsync("[apiserver] starting a private etcd server");
            var etcd = await EtcdProcess.StartAsync(cancellationToken: cancellationToken);
            return new ScratchSpace(dataDir, ownsDataDir, [etcd.ClientUrl], etcd);
        }
        catch
        {
            if (ownsDataDir)
            {
                Directory.Delete(dataDir, recursive: true);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }

        if (_ownsDataDir && Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }

        if (Directory.Exists(WorkingDir))
        {
            Directory.Delete(WorkingDir, recursive: true);
        }
    }
}
