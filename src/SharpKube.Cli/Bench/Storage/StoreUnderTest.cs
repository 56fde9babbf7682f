using SharpKube.Storage;
using SharpKube.Storage.Etcd;

namespace SharpKube.Cli.Bench.Storage;

/// <summary>
/// One driver opened for a benchmark run, with whatever the run had to set up for it — a temporary SQLite data
/// directory, a private etcd server — and removes again when disposed.
/// </summary>
internal sealed class StoreUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan _reachTimeout = TimeSpan.FromSeconds(10);

    private readonly EtcdProcess? _etcd;
    private readonly string? _temporaryDir;

    private StoreUnderTest(DatastoreDriver driver, IKeyValueStore store, string description, string? dataFilesDir, EtcdProcess? etcd, string? temporaryDir)
    {
        Driver = driver;
        Store = store;
        Description = description;
        DataFilesDir = dataFilesDir;
        _etcd = etcd;
        _temporaryDir = temporaryDir;
    }

    /// <summary>The driver.</summary>
    public DatastoreDriver Driver { get; }

    /// <summary>The open store.</summary>
    public IKeyValueStore Store { get; }

    /// <summary>Where the data lives, for the report.</summary>
    public string Description { get; }

    /// <summary>The directory holding the driver's data files, when the run can see them.</summary>
    public string? DataFilesDir { get; }

    /// <summary>Opens <paramref name="driver"/> as <paramref name="options"/> say, and checks that it answers.</summary>
    public static async Task<StoreUnderTest> OpenAsync(
        DatastoreDriver driver, StorageBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        string? temporaryDir = null;
        EtcdProcess? etcd = null;
        try
        {
            switch (driver)
            {
                case DatastoreDriver.Sqlite:
                {
                    temporaryDir = options.DataDir is null ? Directory.CreateTempSubdirectory("sharpkube-bench-").FullName : null;
                    var datastore = new DatastoreOptions { Driver = driver, DataDir = options.DataDir ?? temporaryDir! };
                    var store = await OpenAndCheckAsync(datastore, datastore.SqlitePath, cancellationToken);
                    return new StoreUnderTest(driver, store, datastore.SqlitePath, Path.GetDirectoryName(datastore.SqlitePath), null, temporaryDir);
                }

                case DatastoreDriver.Etcd:
                {
                    var endpoints = options.EtcdEndpoints;
                    if (endpoints.Count == 0)
                    {
                        await progress.WriteLineAsync("[etcd] starting a private etcd server");
                        etcd = await EtcdProcess.StartAsync(cancellationToken: cancellationToken);
                        endpoints = [etcd.ClientUrl];
                    }

                    var description = string.Join(",", endpoints);
                    var datastore = new DatastoreOptions { Driver = driver, EtcdEndpoints = endpoints };
                    var store = await OpenAndCheckAsync(datastore, description, cancellationToken);
                    return new StoreUnderTest(
                        driver, store, etcd is null ? description : $"{description} (private etcd)", etcd?.DataDir, etcd, null);
                }

                default:
                {
                    var store = await OpenAndCheckAsync(new DatastoreOptions { Driver = driver }, "memory", cancellationToken);
                    return new StoreUnderTest(driver, store, "in-process", null, null, null);
                }
            }
        }
        catch
        {
            await CleanUpAsync(etcd, temporaryDir);
            throw;
        }
    }

    /// <summary>The bytes of every file under <see cref="DataFilesDir"/>, or null when there is none.</summary>
    public long? MeasureDataBytes()
    {
        if (DataFilesDir is null || !Directory.Exists(DataFilesDir))
        {
            return null;
        }

        return new DirectoryInfo(DataFilesDir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Store.DisposeAsync();
        }
        finally
        {
            await CleanUpAsync(_etcd, _temporaryDir);
        }
    }

    private static async Task<IKeyValueStore> OpenAndCheckAsync(DatastoreOptions options, string where, CancellationToken cancellationToken)
    {
        var store = await Datastore.OpenAsync(options, cancellationToken);
        try
        {
            // A store that cannot answer one call fails here with a clear message rather than in the middle of a phase.
            await store.CurrentRevisionAsync(cancellationToken).AsTask().WaitAsync(_reachTimeout, cancellationToken);
            return store;
        }
        catch (TimeoutException e)
        {
            await store.DisposeAsync();
            throw new TimeoutException($"{where} did not answer within {_reachTimeout.TotalSeconds:0} s", e);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private static async Task CleanUpAsync(EtcdProcess? etcd, string? temporaryDir)
    {
        if (etcd is not null)
        {
            await etcd.DisposeAsync();
        }

        if (temporaryDir is not null && Directory.Exists(temporaryDir))
        {
            Directory.Delete(temporaryDir, recursive: true);
        }
    }
}
