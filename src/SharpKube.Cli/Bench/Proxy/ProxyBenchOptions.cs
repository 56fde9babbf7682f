using SharpKube.Proxy;

namespace SharpKube.Cli.Bench.Proxy;

/// <summary>What <c>sharpkube bench proxy</c> measures.</summary>
internal sealed record ProxyBenchOptions
{
    /// <summary>The service counts, each measured on its own (<c>--services</c>).</summary>
    public IReadOnlyList<int> ServiceCounts { get; init; } = [1000, 5000];

    /// <summary>Endpoints per service (<c>--endpoints</c>).</summary>
    public int Endpoints { get; init; } = 10;

    /// <summary>The proxy modes (<c>--modes</c>).</summary>
    public IReadOnlyList<ProxyMode> Modes { get; init; } = [ProxyMode.Iptables, ProxyMode.Nftables];

    /// <summary>Incremental updates measured per configuration (<c>--updates</c>).</summary>
    public int Updates { get; init; } = 20;

    /// <summary>Whether to also measure through the API server (EndpointSlice write to rules in the kernel).</summary>
    public bool ThroughApi { get; init; } = true;

    /// <summary>The command line, for the report.</summary>
    public string CommandLine { get; init; } = "";
}
