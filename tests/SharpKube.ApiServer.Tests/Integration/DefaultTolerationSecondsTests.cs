using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// The DefaultTolerationSeconds admission plugin as a client sees it: pods created or updated through any write
/// path get 300 s tolerations of the not-ready and unreachable NoExecute taints unless they already tolerate them.
/// </summary>
public sealed class DefaultTolerationSecondsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Apply = "application/apply-patch+yaml";
    private const string PlainPod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"busybox:1.35"}]}}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_OfAPlainPod_AddsNotReadyAndUnreachableTolerationsOf300Seconds()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-plain");

        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), ns, cancellationToken: Ct);
        var stored = await fixture.Client.CoreV1.ReadNamespacedPodAsync("p", ns, cancellationToken: Ct);

        string[] expected = ["node.kubernetes.io/not-ready Exists NoExecute 300", "node.kubernetes.io/unreachable Exists NoExecute 300"];
        Assert.Equal(expected, Describe(created));
        Assert.Equal(expected, Describe(stored));
    }

    [Fact]
    public async Task Create_WithItsOwnNotReadyToleration_KeepsIt_AndGetsOnlyTheUnreachableOne()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-own");
        var pod = Pod("p", new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 60 });

        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);

        Assert.Equal(["node.kubernetes.io/not-ready Exists NoExecute 60", "node.kubernetes.io/unreachable Exists NoExecute 300"], Describe(created));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "NoExecute")]
    public async Task Create_WithAWildcardToleration_AddsNothing(string key, string effect)
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-wildcard-" + (effect.Length == 0 ? "any" : "noexecute"));
        var pod = Pod("p", new V1Toleration { Key = key, OperatorProperty = "Exists", Effect = effect });

        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);

        Assert.Equal([$" Exists {effect} -"], Describe(created));
    }

    [Fact]
    public async Task Create_WithTolerationsOfOtherTaintsOrEffects_StillAddsBoth()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-other");
        var pod = Pod("p",
            new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoSchedule" },
            new V1Toleration { Key = "example.com/gpu", OperatorProperty = "Exists" });

        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);

        Assert.Equal([
            "node.kubernetes.io/not-ready Exists NoSchedule -", "example.com/gpu Exists  -",
            "node.kubernetes.io/not-ready Exists NoExecute 300", "node.kubernetes.io/unreachable Exists NoExecute 300",
        ], Describe(created));
    }

    [Fact]
    public async Task Patch_OfAPodThatHasThem_LeavesItsTolerationsAsTheyAre()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-patch");
        var pod = Pod("p", new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 60 });
        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);

        var patched = await fixture.Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"tier":"web"}}}""", V1Patch.PatchType.StrategicMergePatch), "p", ns, cancellationToken: Ct);

        Assert.Equal(Describe(created), Describe(patched));
        Assert.Equal("web", patched.Metadata.Labels["tier"]);
    }

    [Fact]
    public async Task Replace_WithoutTheAddedTolerations_PutsThemBack_InsteadOfRefusingTheirRemoval()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-replace");
        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), ns, cancellationToken: Ct);
        var replacement = Pod("p");
        replacement.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "web" };

        var replaced = await fixture.Client.CoreV1.ReplaceNamespacedPodAsync(replacement, "p", ns, cancellationToken: Ct);

        Assert.Equal(Describe(created), Describe(replaced));
        Assert.Equal("web", replaced.Metadata.Labels["tier"]);
    }

    [Fact]
    public async Task Update_OfAPodStoredWithoutThem_AddsThem_ButAStatusWriteDoesNot()
    {
        // As a pod written before the plugin existed: stored without the tolerations.
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-old-pods");
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("status-only"), ns, cancellationToken: Ct);
        await fixture.Client.CoreV1.CreateNamespacedPodAsync(Pod("relabelled"), ns, cancellationToken: Ct);
        await RemoveStoredTolerationsAsync(ns, "status-only");
        await RemoveStoredTolerationsAsync(ns, "relabelled");

        var statusWritten = await fixture.Client.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch("""{"status":{"phase":"Running"}}""", V1Patch.PatchType.MergePatch), "status-only", ns, cancellationToken: Ct);
        var relabelled = await fixture.Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"tier":"web"}}}""", V1Patch.PatchType.MergePatch), "relabelled", ns, cancellationToken: Ct);

        Assert.Equal("Running", statusWritten.Status.Phase);
        Assert.Null(statusWritten.Spec.Tolerations);
        Assert.Equal(["node.kubernetes.io/not-ready Exists NoExecute 300", "node.kubernetes.io/unreachable Exists NoExecute 300"], Describe(relabelled));
    }

    [Fact]
    public async Task DryRunCreate_ShowsTheTolerations_AndStoresNothing()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-dry-run");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods?dryRun=All", PlainPod);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var pod = KubernetesJson.Deserialize<V1Pod>(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["node.kubernetes.io/not-ready Exists NoExecute 300", "node.kubernetes.io/unreachable Exists NoExecute 300"], Describe(pod));
        Assert.Empty((await fixture.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: Ct)).Items);
    }

    [Fact]
    public async Task ServerSideApply_CreatingAPod_AddsThem_OwnedByNoManager_AndReapplyKeepsThem()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-apply");
        using var http = new ApiHttp(fixture.Server);
        var path = $"/api/v1/namespaces/{ns}/pods/p?fieldManager=deployer";

        var created = await http.SendBodyAsync(HttpMethod.Patch, path, PlainPod, Apply);
        var reapplied = await http.SendBodyAsync(HttpMethod.Patch, path, PlainPod, Apply);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reapplied.StatusCode);
        var pod = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!;
        string[] expected = ["node.kubernetes.io/not-ready Exists NoExecute 300", "node.kubernetes.io/unreachable Exists NoExecute 300"];
        Assert.Equal(expected, Describe(KubernetesJson.Deserialize<V1Pod>(pod.ToJsonString())));
        Assert.Equal(expected, Describe(KubernetesJson.Deserialize<V1Pod>(await reapplied.Content.ReadAsStringAsync(Ct))));
        var entry = Assert.Single(pod["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("deployer", (string?)entry["manager"]);
        Assert.DoesNotContain("tolerations", entry["fieldsV1"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_OfAnotherKind_WithAPodTemplate_AddsNothingToTheTemplate()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-template");

        var template = await fixture.Client.CoreV1.CreateNamespacedPodTemplateAsync(new V1PodTemplate
        {
            Metadata = new V1ObjectMeta { Name = "t" },
            Template = new V1PodTemplateSpec { Spec = Pod("ignored").Spec },
        }, ns, cancellationToken: Ct);

        Assert.Null(template.Template.Spec.Tolerations);
    }

    private async Task RemoveStoredTolerationsAsync(string ns, string name)
    {
        var key = $"/registry/pods/{ns}/{name}";
        var stored = (await fixture.Server.Datastore.GetAsync(key, 0, Ct))!;
        var pod = JsonNode.Parse(stored.Value.Span)!;
        pod["spec"]!.AsObject().Remove("tolerations");
        await fixture.Server.Datastore.UpdateAsync(key, System.Text.Encoding.UTF8.GetBytes(pod.ToJsonString()), stored.ModRevision, null, Ct);
    }

    internal static V1Pod Pod(string name, params V1Toleration[] tolerations) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "c", Image = "busybox:1.35" }],
            Tolerations = tolerations.Length == 0 ? null : tolerations,
        },
    };

    /// <summary>Each toleration as "key operator effect seconds" ("-" for no seconds), in order.</summary>
    internal static string[] Describe(V1Pod pod) =>
        [.. (pod.Spec.Tolerations ?? []).Select(t => $"{t.Key} {t.OperatorProperty} {t.Effect} {t.TolerationSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}")];
}
