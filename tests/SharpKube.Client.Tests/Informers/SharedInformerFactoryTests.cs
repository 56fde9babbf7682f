using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests.Informers;

public sealed class SharedInformerFactoryTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Factory_HandsOutOneInformerPerResource_AndSyncsThemAll()
    {
        var factory = new SharedInformerFactory(fixture.Client);
        var pods = factory.Informer<V1Pod>();
        Assert.Same(pods, factory.Informer<V1Pod>());
        factory.Informer<V1ReplicaSet>();
        factory.Informer<V1Deployment>();
        var namespaces = factory.Informer<V1Namespace>();
        factory.Informer<V1Node>();
        var services = factory.Informer<V1Service>();
        var slices = factory.Informer<V1EndpointSlice>();
        factory.Informer<V1Lease>();
        var serviceAccounts = factory.Informer<V1ServiceAccount>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = factory.RunAsync(stop.Token);

        Assert.True(await factory.WaitForCacheSyncAsync(Ct));
        Assert.True(pods.HasSynced);
        Assert.NotNull(namespaces.Indexer.Get(null, "kube-system"));
        Assert.NotNull(services.Indexer.Get("default", "kubernetes"));
        Assert.NotEmpty(slices.Indexer.List("default"));

        // An informer asked for while the factory runs starts at once.
        var configMaps = factory.Informer<V1ConfigMap>();
        Assert.True(await configMaps.WaitForCacheSyncAsync(Ct));
        await fixture.NamespaceAsync("factory-late");
        await Eventually.TrueAsync(() => namespaces.Indexer.Get(null, "factory-late") is not null, "the namespace informer saw the new namespace");
        Assert.NotNull(serviceAccounts);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Informer_WithAResyncPeriod_HandsEveryCachedObjectToTheHandlersAgain()
    {
        var ns = await fixture.NamespaceAsync("informer-resync");
        var client = new ResourceClient<V1ConfigMap>(fixture.Client);
        await new ConfigMaps(client, ns).CreateAsync("a");
        await new ConfigMaps(client, ns).CreateAsync("b");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var informer = new SharedInformer<V1ConfigMap>(new ListWatch<V1ConfigMap>(client, ns),
            new SharedInformerOptions { ResyncPeriod = TimeSpan.FromMinutes(1), Time = time });
        var log = new HandlerLog<V1ConfigMap>();
        informer.AddEventHandler(log.Handler);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);
        Assert.True(await informer.WaitForCacheSyncAsync(Ct));
        await Eventually.TrueAsync(() => log.Lines.Count == 2, "the initial list reached the handler");

        time.Advance(TimeSpan.FromMinutes(1));

        await Eventually.TrueAsync(() => log.Lines.Count == 4, "the resync reached the handler");
        Assert.Equal(["UPDATE a", "UPDATE b"], log.Lines.Skip(2).Order(StringComparer.Ordinal));

        await stop.CancelAsync();
        await run;
    }
}
