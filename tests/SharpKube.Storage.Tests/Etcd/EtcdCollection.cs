namespace SharpKube.Storage.Tests.Etcd;

/// <summary>The etcd test classes: they share one etcd and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class EtcdCollection : ICollectionFixture<EtcdFixture>
{
    public const string Name = "etcd";
}
