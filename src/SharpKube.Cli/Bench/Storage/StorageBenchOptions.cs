using SharpKube.Storage;

namespace SharpKube.Cli.Bench.Storage;

/// <summary>What <c>sharpkube bench storage</c> runs, as given on its command line.</summary>
internal sealed record StorageBenchOptions
{
    /// <summary>The drivers to measure, one after another in this order.</summary>
    public required IReadOnlyList<DatastoreDriver> Drivers { get; init; }

    /// <summary>The writers of the multi-writer phases; single-writer phases always run as well.</summary>
    public int Writers { get; init; } = 16;

    /// <summary>How long each timed phase runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The SQLite data directory; null for a new temporary directory, deleted afterwards.</summary>
    public string? DataDir { get; init; }

    /// <summary>The etcd to measure; empty to start a private etcd for the run.</summary>
    public IReadOnlyList<string> EtcdEndpoints { get; init; } = [];

    /// <summary>The size of every value written.</summary>
    public int ValueSize { get; init; } = 256;

    /// <summary>The watchers of the watch phase.</summary>
    public int Watchers { get; init; } = 100;

    /// <summary>The keys under the prefix the list phase reads.</summary>
    public int ListKeys { get; init; } = 1000;

    /// <summary>The keys each writer of an update phase owns and updates round-robin.</summary>
    public int KeysPerWriter { get; init; } = 100;

    /// <summary>The command line, reported with the results.</summary>
    public string CommandLine { get; init; } = "sharpkube bench storage";

    /// <summary>The writer counts every write phase runs at: 1, then <see cref="Writers"/> if it is more.</summary>
    public IReadOnlyList<int> WriterLevels => Writers > 1 ? [1, Writers] : [1];
}
