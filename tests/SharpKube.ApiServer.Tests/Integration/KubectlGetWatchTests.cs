using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl get -w</c> prints live changes made by another client.</summary>
public sealed class KubectlGetWatchTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task GetWatch_PrintsAPodCreatedAfterTheList()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "watch-create");
        await CreatePodAsync(ns, "first");
        using var watch = new KubectlWatchOutput(fixture.Kubectl.Start("get", "pods", "-n", ns, "-w"));
        await watch.WaitForLineAsync(l => l.StartsWith("first ", StringComparison.Ordinal), Deadline);

        await CreatePodAsync(ns, "second");

        var line = await watch.WaitForLineAsync(l => l.StartsWith("second ", StringComparison.Ordinal), Deadline);
        Assert.Matches(@"^second\s+0/1\s+Pending\s+0\s+[0-9]+s$", line);
        Assert.StartsWith("NAME ", watch.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWatch_WithALabelColumn_PrintsTheModifiedRow()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "watch-modify");
        await CreatePodAsync(ns, "web");
        using var watch = new KubectlWatchOutput(fixture.Kubectl.Start("get", "pods", "-n", ns, "-w", "-L", "tier"));
        await watch.WaitForLineAsync(l => l.StartsWith("web ", StringComparison.Ordinal), Deadline);

        await fixture.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"tier":"gold"}}}""", V1Patch.PatchType.MergePatch),
            "web", ns, cancellationToken: TestContext.Current.CancellationToken);

        var line = await watch.WaitForLineAsync(l => l.StartsWith("web ", StringComparison.Ordinal) && l.EndsWith("gold", StringComparison.Ordinal), Deadline);
        Assert.Matches(@"^web\s+0/1\s+Pending\s+0\s+[0-9]+s\s+gold$", line);
    }

    [Fact]
    public async Task GetWatch_WithOutputWatchEvents_PrintsTheEventTypes()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "watch-events");
        await CreatePodAsync(ns, "web");
        using var watch = new KubectlWatchOutput(fixture.Kubectl.Start("get", "pods", "-n", ns, "-w", "--output-watch-events"));
        await watch.WaitForLineAsync(l => l.StartsWith("ADDED ", StringComparison.Ordinal), Deadline);

        await fixture.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"x":"y"}}}""", V1Patch.PatchType.MergePatch),
            "web", ns, cancellationToken: TestContext.Current.CancellationToken);
        await watch.WaitForLineAsync(l => l.StartsWith("MODIFIED ", StringComparison.Ordinal), Deadline);
        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("web", ns, cancellationToken: TestContext.Current.CancellationToken);
        var deleted = await watch.WaitForLineAsync(l => l.StartsWith("DELETED ", StringComparison.Ordinal), Deadline);

        Assert.Matches(@"^EVENT\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", watch.Lines[0]);
        Assert.Matches(@"^DELETED\s+web\s+0/1\s+Pending\s+0\s+[0-9]+s$", deleted);
    }

    [Fact]
    public async Task GetWatch_OneConfigMapByName_PrintsItsChange()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "watch-by-name");
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "watched" } }, ns,
            cancellationToken: TestContext.Current.CancellationToken);
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other" } }, ns,
            cancellationToken: TestContext.Current.CancellationToken);
        using var watch = new KubectlWatchOutput(fixture.Kubectl.Start("get", "cm", "watched", "-n", ns, "-w"));
        await watch.WaitForLineAsync(l => l.StartsWith("watched ", StringComparison.Ordinal), Deadline);

        await fixture.Client.CoreV1.ReplaceNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other" }, Data = new Dictionary<string, string> { ["a"] = "1" } },
            "other", ns, cancellationToken: TestContext.Current.CancellationToken);
        await fixture.Client.CoreV1.ReplaceNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "watched" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } },
            "watched", ns, cancellationToken: TestContext.Current.CancellationToken);

        var line = await watch.WaitForLineAsync(l => l.StartsWith("watched ", StringComparison.Ordinal) && l.Contains(" 2 ", StringComparison.Ordinal), Deadline);
        Assert.Matches(@"^watched\s+2\s+[0-9]+s$", line);
        Assert.DoesNotContain(watch.Lines, l => l.StartsWith("other", StringComparison.Ordinal));
    }

    private Task<V1Pod> CreatePodAsync(string ns, string name) =>
        fixture.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] },
        }, ns, cancellationToken: TestContext.Current.CancellationToken);
}
