namespace SharpKube.Cli.Bench.ApiServer.Results;

/// <summary>The workload of a run.</summary>
/// <param name="Datastore">The datastore of the server the run started, or null for an existing server.</param>
/// <param name="ServerMode">"child-process", "in-process" or "external".</param>
/// <param name="Pods">Pods created, then read, updated, listed and watched.</param>
/// <param name="PodBytes">Bytes of one stored pod as a GET returns it.</param>
/// <param name="Clients">Concurrent clients of the multi-client phases.</param>
/// <param name="Watchers">Watchers of the watch phase.</param>
/// <param name="WatchConnections">Connections the watchers shared.</param>
/// <param name="WatchProtocol">"HTTP/2" or "HTTP/1.1".</param>
/// <param name="WriteRate">Writes per second during the watch phase.</param>
/// <param name="DurationSeconds">How long each timed phase ran.</param>
/// <param name="ListRepeats">LISTs timed per format.</param>
/// <param name="Namespace">The run's namespace.</param>
internal sealed record ApiServerBenchSettings(
    string? Datastore,
    string ServerMode,
    int Pods,
    long PodBytes,
    int Clients,
    int Watchers,
    int WatchConnections,
    string WatchProtocol,
    int WriteRate,
    double DurationSeconds,
    int ListRepeats,
    string Namespace);
