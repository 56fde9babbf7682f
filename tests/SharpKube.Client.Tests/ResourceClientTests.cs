using k8s.Models;
using SharpKube.Client.Resources;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests;

public sealed class ResourceClientTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static V1Secret Secret(string ns, string name) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, StringData = new Dictionary<string, string> { ["k"] = "v" } };

    [Fact]
    public async Task Crud_CreatesReadsReplacesAndDeletes_AndClassifiesFailures()
    {
        var ns = await fixture.NamespaceAsync("resource-crud");
        var secrets = new ResourceClient<V1Secret>(fixture.Client);

        var created = await secrets.CreateAsync(Secret(ns, "s"), Ct);
        var conflict = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => secrets.CreateAsync(Secret(ns, "s"), Ct));
        var read = await secrets.GetAsync(ns, "s", Ct);
        var replaced = await secrets.ReplaceAsync(read! with { Data = new Dictionary<string, byte[]> { ["k"] = "w"u8.ToArray() } }, Ct);
        var stale = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => secrets.ReplaceAsync(created, Ct));
        await secrets.DeleteAsync(ns, "s", Ct);
        var missing = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => secrets.DeleteAsync(ns, "s", Ct));

        Assert.Equal(("v1", "Secret"), (created.ApiVersion, created.Kind));
        Assert.True(ApiErrors.IsConflict(conflict));
        Assert.Equal(created.Metadata.Uid, read?.Metadata.Uid);
        Assert.Equal("w"u8.ToArray(), replaced.Data["k"]);
        Assert.True(ApiErrors.IsConflict(stale));
        Assert.Contains("409", stale.Message, StringComparison.Ordinal);
        Assert.True(ApiErrors.IsNotFound(missing));
        Assert.Null(await secrets.GetAsync(ns, "s", Ct));
    }

    [Fact]
    public async Task PatchStatusWithoutResult_WritesTheStatus_AndStillReportsFailures()
    {
        var ns = await fixture.NamespaceAsync("resource-status-patch");
        var pods = new ResourceClient<V1Pod>(fixture.Client);
        await pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = ns },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox:1.35" }] },
        }, Ct);
        var patch = new V1Patch("""{"status":{"phase":"Running","podIP":"10.42.0.7"}}""", V1Patch.PatchType.StrategicMergePatch);

        await pods.PatchStatusWithoutResultAsync(ns, "p", patch, Ct);
        var missing = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(
            () => pods.PatchStatusWithoutResultAsync(ns, "gone", patch, Ct));

        var read = await pods.GetAsync(ns, "p", Ct);
        Assert.Equal(("Running", "10.42.0.7"), (read?.Status.Phase, read?.Status.PodIP));
        Assert.True(ApiErrors.IsNotFound(missing));
    }

    [Fact]
    public async Task List_InPages_ReturnsEveryObjectOnceAtOneResourceVersion()
    {
        var ns = await fixture.NamespaceAsync("resource-pages");
        var secrets = new ResourceClient<V1Secret>(fixture.Client);
        for (var i = 0; i < 7; i++)
        {
            await secrets.CreateAsync(Secret(ns, $"s{i}"), Ct);
        }

        var names = new List<string>();
        var versions = new HashSet<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await secrets.ListAsync(ns, new ListRequest { Limit = 3, Continue = next }, Ct);
            names.AddRange(page.Items.Select(s => s.Metadata.Name));
            versions.Add(page.ResourceVersion);
            Assert.All(page.Items, s => Assert.Equal(("v1", "Secret"), (s.ApiVersion, s.Kind)));
            next = page.Continue;
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"s{i}"), names);
        Assert.Single(versions);
    }

    [Fact]
    public async Task Watch_FromAListsResourceVersion_StreamsTheLaterChanges()
    {
        var ns = await fixture.NamespaceAsync("resource-watch");
        var secrets = new ResourceClient<V1Secret>(fixture.Client);
        var list = await secrets.ListAsync(ns, new ListRequest(), Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var watch = secrets.WatchAsync(ns, new WatchRequest { ResourceVersion = list.ResourceVersion, TimeoutSeconds = 30 }, stop.Token)
            .GetAsyncEnumerator(stop.Token);

        var next = watch.MoveNextAsync();
        await secrets.CreateAsync(Secret(ns, "w"), Ct);
        Assert.True(await next);
        Assert.Equal(k8s.WatchEventType.Added, watch.Current.Type);
        Assert.Equal(("w", "Secret"), (watch.Current.Object?.Metadata.Name, watch.Current.Object?.Kind));
        await secrets.DeleteAsync(ns, "w", Ct);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(k8s.WatchEventType.Deleted, watch.Current.Type);
        await stop.CancelAsync();
    }

    [Fact]
    public void ApiResource_For_KnowsGroupsPluralsAndScopes()
    {
        Assert.Equal(new ApiResource("", "v1", "pods", "Pod", true), ApiResource.For<V1Pod>());
        Assert.Equal(new ApiResource("apps", "v1", "deployments", "Deployment", true), ApiResource.For<V1Deployment>());
        Assert.Equal(new ApiResource("", "v1", "nodes", "Node", false), ApiResource.For<V1Node>());
        Assert.Equal("/apis/discovery.k8s.io/v1/namespaces/a/endpointslices", ApiResource.For<V1EndpointSlice>().CollectionPath("a"));
        Assert.Equal("/apis/coordination.k8s.io/v1/leases", ApiResource.For<V1Lease>().CollectionPath(null));
        Assert.Equal("/api/v1/namespaces/x/status", ApiResource.For<V1Namespace>().ObjectPath(null, "x", "status"));
    }
}
