using k8s.Models;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests.Informers;

public sealed class HandlerSyncTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHandlerRegistration_SyncsOnlyOnceItWasGivenTheFirstList_NotWhenTheInformerCacheIs()
    {
        var ns = await fixture.NamespaceAsync("handler-sync");
        var client = new ResourceClient<V1ConfigMap>(fixture.Client);
        var configMaps = new ConfigMaps(client, ns);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await configMaps.CreateAsync(name);
        }
        var informer = new SharedInformer<V1ConfigMap>(new ListWatch<V1ConfigMap>(client, ns));
        using var release = new SemaphoreSlim(0);
        var seen = 0;
        using var registration = informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap>
        {
            OnAdd = _ =>
            {
                // A slow handler: the informer's cache fills long before this handler has seen what is in it.
                release.Wait(Ct);
                Interlocked.Increment(ref seen);
            },
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(stop.Token);

        Assert.True(await informer.WaitForCacheSyncAsync(Ct));
        Assert.False(registration.HasSynced);
        release.Release(3);

        Assert.True(await registration.WaitForSyncAsync(Ct));
        Assert.Equal(3, Volatile.Read(ref seen));

        // A handler registered after the first list syncs once it was given the cached objects.
        var late = new HandlerLog<V1ConfigMap>();
        using var lateRegistration = informer.AddEventHandler(late.Handler);
        Assert.True(await lateRegistration.WaitForSyncAsync(Ct));
        Assert.Equal(["ADD a", "ADD b", "ADD c"], late.Lines.Order());

        await stop.CancelAsync();
        await run;
    }
}
