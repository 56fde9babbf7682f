using k8s;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins.DefaultBinder;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.DefaultBinder;

public sealed class DefaultBinderPluginTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task Bind_PostsTheBinding_SoThePodIsOnTheNode_AndABoundPodCannotBeBoundAgain()
    {
        var ns = await fixture.NamespaceAsync("binder");
        var pod = PodInfo.Create(await Client.CreateAsync(ns, Make.Pod("p")));
        var binder = new DefaultBinderPlugin(Client);

        var status = await binder.BindAsync(new CycleState(), pod, "node-1", TestContext.Current.CancellationToken);

        Assert.True(status.IsSuccess);
        Assert.Equal("node-1", await Client.NodeOfAsync(ns, "p"));
        Assert.Equal("True", (await Client.ScheduledConditionAsync(ns, "p"))?.Status);
        var conflict = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            binder.BindAsync(new CycleState(), pod, "node-2", TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(System.Net.HttpStatusCode.Conflict, conflict.Response.StatusCode);
    }
}
