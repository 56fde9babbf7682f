namespace SharpKube.Cli.Bench.Storage.Results;

/// <summary>Everything measured for one driver.</summary>
/// <param name="Driver">The driver: sqlite, etcd or memory.</param>
/// <param name="Store">Where the data lived: the SQLite file, the etcd endpoints, or "in-process".</param>
/// <param name="Create">Creates of new keys, at 1 writer and at the configured number of writers.</param>
/// <param name="Update">Compare-and-swap updates on each key's mod revision, at 1 writer and at the configured number.</param>
/// <param name="Get">Gets of random existing keys by one reader.</param>
/// <param name="List">Lists of a prefix holding <see cref="StorageBenchSettings.ListKeys"/> keys by one reader.</param>
/// <param name="Watch">Watch delivery under write load.</param>
/// <param name="Compaction">Compaction under write load.</param>
/// <param name="DbSizeBytes">The bytes of the driver's data files after compaction; null when it has none (memory, an external etcd).</param>
internal sealed record DriverResult(
    string Driver,
    string Store,
    IReadOnlyList<WriteResult> Create,
    IReadOnlyList<WriteResult> Update,
    ReadResult Get,
    ReadResult List,
    WatchResult Watch,
    CompactionResult Compaction,
    long? DbSizeBytes);
