using SharpKube.Storage.Tests.Contract;

namespace SharpKube.Storage.Tests.Etcd;

/// <summary>The datastore contract on a real etcd; each test gets its own key prefix, so it starts empty.</summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdStoreContractTests(EtcdFixture etcd) : StoreContractTests
{
    protected override async Task<IKeyValueStore> OpenStoreAsync() => await etcd.OpenStoreAsync();
}
