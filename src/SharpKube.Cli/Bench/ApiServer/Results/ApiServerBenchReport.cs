namespace SharpKube.Cli.Bench.ApiServer.Results;

/// <summary>The JSON document <c>sharpkube bench apiserver</c> prints and writes.</summary>
/// <param name="Benchmark">Always "apiserver".</param>
/// <param name="SharpKubeVersion">The version of the sharpkube binary that ran it.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="CommandLine">The command that ran it.</param>
/// <param name="Machine">The machine it ran on.</param>
/// <param name="Server">The server measured, in words.</param>
/// <param name="HttpVersions">The HTTP versions the server answered with, and how many responses each.</param>
/// <param name="Settings">The workload.</param>
/// <param name="Create">Creates of the run's pods: 1 client, then the configured number until every pod exists.</param>
/// <param name="Get">GETs of single pods.</param>
/// <param name="Update">Updates of one label: merge patch, then PUT of the whole pod.</param>
/// <param name="List">LISTs of every pod: as a PodList, then as a Table.</param>
/// <param name="Watch">Watch delivery under a steady write rate.</param>
/// <param name="Memory">The server's resident memory, when the run can see its process.</param>
/// <param name="Targets">Figures against SharpKube's targets and upstream's anchors.</param>
/// <param name="Problems">What went wrong: error responses, missed events (the run exits with code 1 when there is one).</param>
internal sealed record ApiServerBenchReport(
    string Benchmark,
    string SharpKubeVersion,
    DateTimeOffset StartedAt,
    string CommandLine,
    MachineInfo Machine,
    string Server,
    IReadOnlyDictionary<string, long> HttpVersions,
    ApiServerBenchSettings Settings,
    IReadOnlyList<RequestPhaseResult> Create,
    RequestPhaseResult Get,
    IReadOnlyList<RequestPhaseResult> Update,
    IReadOnlyList<ListPhaseResult> List,
    WatchPhaseResult Watch,
    MemoryResult? Memory,
    IReadOnlyList<TargetCheck> Targets,
    IReadOnlyList<string> Problems);
