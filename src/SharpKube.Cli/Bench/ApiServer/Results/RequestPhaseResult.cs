namespace SharpKube.Cli.Bench.ApiServer.Results;

/// <summary>A phase of closed-loop clients, each waiting for the whole response before its next request.</summary>
/// <param name="Phase">What the clients did, e.g. "create" or "update (merge patch)".</param>
/// <param name="Clients">Concurrent clients, each with its own connection.</param>
/// <param name="Requests">Requests answered successfully.</param>
/// <param name="Errors">Requests answered with an error status.</param>
/// <param name="FirstError">The first error response, if any.</param>
/// <param name="Seconds">How long the phase ran.</param>
/// <param name="RequestsPerSecond">Successful requests per second.</param>
/// <param name="Latency">Latency of each successful request, from sending it to the last byte of the response.</param>
/// <param name="ClientCpuPercent">CPU of the benchmark process (100 = one core; with an in-process server, the server's too).</param>
/// <param name="ServerCpuPercent">CPU of the server process, when it runs apart.</param>
internal sealed record RequestPhaseResult(
    string Phase,
    int Clients,
    long Requests,
    long Errors,
    string? FirstError,
    double Seconds,
    double RequestsPerSecond,
    LatencySummary Latency,
    double ClientCpuPercent,
    double? ServerCpuPercent);
