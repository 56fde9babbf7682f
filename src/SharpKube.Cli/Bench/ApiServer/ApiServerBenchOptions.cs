using SharpKube.Storage;

namespace SharpKube.Cli.Bench.ApiServer;

/// <summary>What <c>sharpkube bench apiserver</c> runs, as given on its command line.</summary>
internal sealed record ApiServerBenchOptions
{
    /// <summary>The datastore of the server the run starts (ignored with <see cref="Server"/>).</summary>
    public DatastoreDriver Datastore { get; init; } = DatastoreDriver.Sqlite;

    /// <summary>The etcd of <see cref="Datastore"/> etcd; empty to start a private etcd for the run.</summary>
    public IReadOnlyList<string> EtcdEndpoints { get; init; } = [];

    /// <summary>How the measured server runs: a child process (default), inside this process, or already running.</summary>
    public ServerMode Mode { get; init; } = ServerMode.ChildProcess;

    /// <summary>The URL of an existing server to measure; null to start one.</summary>
    public Uri? Server { get; init; }

    /// <summary>The kubeconfig to reach <see cref="Server"/> with.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The started server's data directory; null for a new temporary directory, deleted afterwards.</summary>
    public string? DataDir { get; init; }

    /// <summary>The pods created and then read, updated, listed and watched.</summary>
    public int Pods { get; init; } = 10_000;

    /// <summary>The concurrent clients of the multi-client phases, each with its own connection.</summary>
    public int Clients { get; init; } = 32;

    /// <summary>The watchers of the watch phase.</summary>
    public int Watchers { get; init; } = 1000;

    /// <summary>The HTTP/2 connections the watchers share (ignored with <see cref="WatchOverHttp1"/>).</summary>
    public int WatchConnections { get; init; } = 10;

    /// <summary>Whether each watcher has its own HTTP/1.1 connection instead of sharing HTTP/2 ones.</summary>
    public bool WatchOverHttp1 { get; init; }

    /// <summary>Writes per second while the watchers watch.</summary>
    public int WriteRate { get; init; } = 100;

    /// <summary>How long each timed phase runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times each LIST is repeated.</summary>
    public int ListRepeats { get; init; } = 20;

    /// <summary>The command line, reported with the results.</summary>
    public string CommandLine { get; init; } = "sharpkube bench apiserver";
}
