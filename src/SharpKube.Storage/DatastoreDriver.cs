namespace SharpKube.Storage;

/// <summary>Which datastore backs the API server.</summary>
public enum DatastoreDriver
{
    /// <summary>The embedded default: one SQLite file under <c>&lt;data-dir&gt;/db/</c>.</summary>
    Sqlite,

    /// <summary>An external etcd v3 cluster (the HA path).</summary>
    Etcd,

    /// <summary>In memory, lost on exit (tests and benchmarks).</summary>
    Memory,
}
