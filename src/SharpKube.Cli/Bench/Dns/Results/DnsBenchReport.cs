namespace SharpKube.Cli.Bench.Dns.Results;

/// <summary>What <c>sharpkube bench dns</c> measured.</summary>
/// <param name="Benchmark">"dns".</param>
/// <param name="SharpKubeVersion">The version of the binary.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="CommandLine">The command line.</param>
/// <param name="Machine">The machine.</param>
/// <param name="ControlPlane">The API server process, in words.</param>
/// <param name="Settings">The workload and dnsperf's settings.</param>
/// <param name="CreateSeconds">Seconds to create every Service and EndpointSlice.</param>
/// <param name="CreateLatency">Each create's latency.</param>
/// <param name="Servers">The cluster DNS, then the peer.</param>
/// <param name="Reference">The upstream figures the results compare with.</param>
/// <param name="LoadAverageBefore">The machine's load average (1, 5, 15 min) before the first dnsperf pass.</param>
/// <param name="LoadAverageAfter">The same after the last.</param>
internal sealed record DnsBenchReport(
    string Benchmark,
    string SharpKubeVersion,
    DateTimeOffset StartedAt,
    string CommandLine,
    MachineInfo Machine,
    string ControlPlane,
    DnsBenchSettings Settings,
    double CreateSeconds,
    LatencySummary CreateLatency,
    IReadOnlyList<DnsServerResult> Servers,
    DnsReference Reference,
    string? LoadAverageBefore,
    string? LoadAverageAfter);
