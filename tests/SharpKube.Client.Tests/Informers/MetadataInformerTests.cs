using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests.Informers;

public sealed class MetadataInformerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetadataInformer_IsSharedPerResource_AndCachesMetadataOnly()
    {
        var ns = await fixture.NamespaceAsync("metadata-informer");
        var configMaps = new ConfigMaps(new ResourceClient<V1ConfigMap>(fixture.Client), ns);
        var owner = await configMaps.CreateAsync("owner");
        await configMaps.CreateAsync("dependent", owners: [new V1OwnerReference
        {
            ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid,
        }]);
        var factory = new SharedInformerFactory(fixture.Client);
        var resource = ApiResource.For<V1ConfigMap>();
        var informer = factory.MetadataInformer(resource);
        Assert.Same(informer, factory.MetadataInformer(resource with { }));
        Assert.NotSame(informer, factory.MetadataInformer(ApiResource.For<V1Secret>()));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = factory.RunAsync(stop.Token);

        Assert.True(await factory.WaitForCacheSyncAsync(Ct));
        var dependent = informer.Indexer.Get(ns, "dependent");
        Assert.NotNull(dependent);
        Assert.Equal(("v1", "ConfigMap"), (dependent.ApiVersion, dependent.Kind));
        Assert.Equal(owner.Metadata.Uid, Assert.Single(dependent.Metadata.OwnerReferences).Uid);
        Assert.Equal("dependent", Assert.Single(informer.Indexer.ByIndex(IndexNames.OwnerUid, owner.Metadata.Uid)).Metadata.Name);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public void TryAddIndexer_AddsAnIndexOnce()
    {
        var indexer = new Indexer<V1ConfigMap>();
        Assert.True(indexer.TryAddIndexer("byName", c => [c.Metadata.Name]));
        Assert.False(indexer.TryAddIndexer("byName", c => ["other"]));
    }
}
