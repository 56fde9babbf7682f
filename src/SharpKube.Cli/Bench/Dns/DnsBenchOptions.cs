namespace SharpKube.Cli.Bench.Dns;

/// <summary>What <c>sharpkube bench dns</c> runs.</summary>
internal sealed record DnsBenchOptions
{
    /// <summary>The Services created (ClusterIP, no selector; every tenth headless with one EndpointSlice).</summary>
    public int Services { get; init; } = 10_000;

    /// <summary>How long each dnsperf pass runs against each server.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>dnsperf's clients (<c>-c</c>): the UDP sockets it sends from.</summary>
    public int Clients { get; init; } = 4;

    /// <summary>dnsperf's threads (<c>-T</c>); one leaves the other core to the server.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>dnsperf's queries outstanding at once (<c>-q</c>).</summary>
    public int Outstanding { get; init; } = 100;

    /// <summary>The distinct names in the query files, spread over every Service; dnsperf repeats the file.</summary>
    public int Sample { get; init; } = 1000;

    /// <summary>The fixed rate of the latency pass, in queries per second.</summary>
    public int LatencyQps { get; init; } = 10_000;

    /// <summary>Where the zone, query files and raw dnsperf output are kept; null makes a temporary directory, removed afterwards.</summary>
    public string? OutputDir { get; init; }

    /// <summary>The dnsperf binary.</summary>
    public string Dnsperf { get; init; } = "dnsperf";

    /// <summary>The dnsmasq binary of the peer.</summary>
    public string Dnsmasq { get; init; } = "dnsmasq";

    /// <summary>The command line, for the report.</summary>
    public string CommandLine { get; init; } = "";
}
