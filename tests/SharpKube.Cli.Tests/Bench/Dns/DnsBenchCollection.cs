namespace SharpKube.Cli.Tests.Bench.Dns;

/// <summary>
/// Tests that load a DNS server with dnsperf use both cores for a few seconds: they run alone, so that neither they
/// nor the tests beside them lose their CPU to the other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DnsBenchCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "dns bench";
}
