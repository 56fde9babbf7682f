namespace SharpKube.Cli.Bench.ApiServer.Results;

/// <summary>Repeated LISTs of every pod of the run, one at a time, each body read to its last byte and discarded.</summary>
/// <param name="Format">"json" (a PodList) or "table" (a Table, as kubectl asks for it).</param>
/// <param name="Accept">The Accept header sent.</param>
/// <param name="Items">Items (or rows) in one response, counted once outside the timed requests.</param>
/// <param name="ResponseBytes">Bytes of one response body.</param>
/// <param name="Requests">Timed LISTs.</param>
/// <param name="Latency">Latency of each LIST to its last byte.</param>
/// <param name="ClientCpuPercent">CPU of the benchmark process.</param>
/// <param name="ServerCpuPercent">CPU of the server process, when it runs apart.</param>
internal sealed record ListPhaseResult(
    string Format,
    string Accept,
    long Items,
    long ResponseBytes,
    long Requests,
    LatencySummary Latency,
    double ClientCpuPercent,
    double? ServerCpuPercent);
