namespace SharpKube.Dns.Tests.Fixtures;

/// <summary>The tests that share one API server, upstream and DNS server.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterDnsCollection : ICollectionFixture<ClusterDnsFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cluster dns";
}
