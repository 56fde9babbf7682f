using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class WatchSelectorTests(WatchFixture fixture) : IClassFixture<WatchFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<V1ConfigMap> SetAppLabelAsync(string ns, string name, string app) =>
        fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch($$$$"""{"metadata":{"labels":{"app":"{{{{app}}}}"}}}""",
            V1Patch.PatchType.MergePatch), name, ns, cancellationToken: Ct);

    [Fact]
    public async Task LabelSelectorWatch_ObjectThatStopsMatching_IsDeleted_AndOneThatStartsMatching_IsAdded()
    {
        const string ns = "watch-label-selector";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        var start = await TestObjects.ConfigMapAsync(fixture.Client, ns, "start");
        using var http = new ApiHttp(fixture.Server);
        await using var watch = await http.WatchAsync(
            $"/api/v1/namespaces/{ns}/configmaps?watch=true&labelSelector=app%3Dweb&resourceVersion={start.Rv()}");

        var web = await TestObjects.ConfigMapAsync(fixture.Client, ns, "x", labels: new Dictionary<string, string> { ["app"] = "web" });
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "other", labels: new Dictionary<string, string> { ["app"] = "db" });
        var stopped = await SetAppLabelAsync(ns, "x", "db");
        await TestObjects.SetValueAsync(fixture.Client, ns, "x", "ignored while not matching");
        var startedAgain = await SetAppLabelAsync(ns, "other", "web");
        var modified = await TestObjects.SetValueAsync(fixture.Client, ns, "other", "seen");

        var events = await watch.TakeAsync(4);

        Assert.Equal(
            [("ADDED", "x", web.Rv()), ("DELETED", "x", stopped.Rv()), ("ADDED", "other", startedAgain.Rv()), ("MODIFIED", "other", modified.Rv())],
            events.Select(e => (e.Type, e.Name, e.ResourceVersion)));
        // The DELETED event carries the last state that matched, at the resourceVersion of the change.
        Assert.Equal("web", events[1].Metadata.GetProperty("labels").GetProperty("app").GetString());
    }

    [Fact]
    public async Task FieldSelectorWatch_SeesOnlyTheNamedObject_IncludingItsDeletion()
    {
        const string ns = "watch-field-selector";
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "target");
        await TestObjects.ConfigMapAsync(fixture.Client, ns, "bystander");
        using var http = new ApiHttp(fixture.Server);
        await using var watch = await http.WatchAsync(
            $"/api/v1/namespaces/{ns}/configmaps?watch=true&fieldSelector=metadata.name%3Dtarget&resourceVersion=0");

        var initial = await watch.NextChangeAsync();
        Assert.Equal(("ADDED", "target"), (initial.Type, initial.Name));
        await TestObjects.SetValueAsync(fixture.Client, ns, "bystander", "changed");
        await fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync("bystander", ns, cancellationToken: Ct);
        var modified = await TestObjects.SetValueAsync(fixture.Client, ns, "target", "changed");
        await fixture.Client.CoreV1.DeleteNamespacedConfigMapAsync("target", ns, cancellationToken: Ct);

        var events = await watch.TakeAsync(2);

        Assert.Equal([("MODIFIED", "target"), ("DELETED", "target")], events.Select(e => (e.Type, e.Name)));
        Assert.Equal(modified.Rv(), events[0].ResourceVersion);
        Assert.True(events[1].ResourceVersion > modified.Rv());
    }

    [Fact]
    public async Task FieldSelectorWatch_WithNotEqualOnNamespace_AcrossAllNamespaces_TransitionsByNamespace()
    {
        await TestObjects.NamespaceAsync(fixture.Client, "watch-fs-a");
        await TestObjects.NamespaceAsync(fixture.Client, "watch-fs-b");
        var start = await TestObjects.ConfigMapAsync(fixture.Client, "watch-fs-a", "start");
        using var http = new ApiHttp(fixture.Server);
        await using var watch = await http.WatchAsync(
            $"/api/v1/configmaps?watch=true&fieldSelector=metadata.namespace%3Dwatch-fs-b,metadata.name!%3Dskip&resourceVersion={start.Rv()}");

        await TestObjects.ConfigMapAsync(fixture.Client, "watch-fs-a", "x");
        await TestObjects.ConfigMapAsync(fixture.Client, "watch-fs-b", "skip");
        var wanted = await TestObjects.ConfigMapAsync(fixture.Client, "watch-fs-b", "y");

        var first = await watch.NextChangeAsync();
        Assert.Equal(("ADDED", "y", wanted.Rv()), (first.Type, first.Name, first.ResourceVersion));
        Assert.Equal("watch-fs-b", first.Metadata.GetProperty("namespace").GetString());
    }
}
