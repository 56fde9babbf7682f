namespace SharpKube.Cli.Bench.Proxy;

/// <summary>What <c>sharpkube bench proxy</c> measured.</summary>
/// <param name="Benchmark">"proxy".</param>
/// <param name="CommandLine">The command line.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Machine">The machine.</param>
/// <param name="Backend">Each backend's own sync times, per mode and size.</param>
/// <param name="ThroughApi">The whole proxy's times from API writes to the kernel, per mode and size (empty with <c>--no-api</c>).</param>
internal sealed record ProxyBenchReport(
    string Benchmark,
    string CommandLine,
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    IReadOnlyList<BackendSyncResult> Backend,
    IReadOnlyList<ApiProgrammingResult> ThroughApi);
