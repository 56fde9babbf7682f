using k8s;
using k8s.Autorest;
using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.Namespace;

public sealed class NamespaceControllerTests(WithoutNamespaceFinalizerFixture fixture) : IClassFixture<WithoutNamespaceFinalizerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ControllerManagerOptions Options => new()
    {
        LeaderElect = false,
        Controllers = new HashSet<string> { "namespace", "serviceaccount" },
        NamespaceDeletionDelay = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task DeletedNamespace_IsEmptiedOfEveryKind_AndGoesAway_LeavingOtherNamespacesAlone()
    {
        await using var controllers = RunningControllers.Start(fixture, Options);
        var ns = await fixture.NamespaceAsync("ns-emptied");
        var neighbour = await fixture.NamespaceAsync("ns-neighbour");
        var client = fixture.Client;
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("one"), ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("two"), ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("kept"), neighbour, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "token" },
            StringData = new Dictionary<string, string> { ["key"] = "value" },
        }, ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("lonely"), ns, cancellationToken: Ct);
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns, cancellationToken: Ct);
        await Eventually.TrueAsync(async () => await DefaultServiceAccountExistsAsync(ns), "the namespace has its default ServiceAccount");

        await client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: Ct);

        await Eventually.TrueAsync(async () => await ReadNamespaceAsync(ns) is null, "the deleted namespace is gone");
        Assert.Empty((await client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: Ct)).Items);
        Assert.Empty((await client.CoreV1.ListNamespacedSecretAsync(ns, cancellationToken: Ct)).Items);
        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: Ct)).Items);
        Assert.Empty((await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: Ct)).Items);
        Assert.Empty((await client.CoreV1.ListNamespacedServiceAccountAsync(ns, cancellationToken: Ct)).Items);
        Assert.NotNull(await client.CoreV1.ReadNamespacedConfigMapAsync("kept", neighbour, cancellationToken: Ct));
        Assert.Equal("Active", (await ReadNamespaceAsync(neighbour))!.Status.Phase);
        Assert.False(controllers.Stopped);
    }

    [Fact]
    public async Task ObjectHeldByAFinalizer_KeepsTheNamespaceTerminating_WithConditionsSayingWhy_UntilTheFinalizerIsRemoved()
    {
        await using var controllers = RunningControllers.Start(fixture, Options);
        var ns = await fixture.NamespaceAsync("ns-held");
        var client = fixture.Client;
        var held = ConfigMap("held");
        held.Metadata.Finalizers = ["example.com/hold"];
        await client.CoreV1.CreateNamespacedConfigMapAsync(held, ns, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("free"), ns, cancellationToken: Ct);

        await client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: Ct);

        await Eventually.TrueAsync(async () => (await ReadNamespaceAsync(ns))?.Status?.Conditions?.Any(c =>
            c.Type == "NamespaceFinalizersRemaining" && c.Status == "True") == true, "the namespace says finalizers remain");
        var terminating = (await ReadNamespaceAsync(ns))!;
        Assert.Equal("Terminating", terminating.Status.Phase);
        Assert.Contains("kubernetes", terminating.Spec.Finalizers);
        AssertCondition(terminating, "NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain",
            "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances");
        AssertCondition(terminating, "NamespaceContentRemaining", "True", "SomeResourcesRemain",
            "Some resources are remaining: configmaps. has 1 resource instances");
        AssertCondition(terminating, "NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered");
        AssertCondition(terminating, "NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions",
            "All legacy kube types successfully parsed");
        AssertCondition(terminating, "NamespaceDeletionContentFailure", "False", "ContentDeleted",
            "All content successfully deleted, may be waiting on finalization");
        var remaining = await client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: Ct);
        Assert.Equal("held", Assert.Single(remaining.Items).Metadata.Name);
        Assert.NotNull(remaining.Items[0].Metadata.DeletionTimestamp);

        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch),
            "held", ns, cancellationToken: Ct);

        await Eventually.TrueAsync(async () => await ReadNamespaceAsync(ns) is null, "the namespace goes once the finalizer is removed");
    }

    [Fact]
    public async Task KubectlDeleteNamespace_Returns_AndTheNamespaceIsGone()
    {
        await using var controllers = RunningControllers.Start(fixture, Options with { NamespaceDeletionDelay = new ControllerManagerOptions().NamespaceDeletionDelay });
        var ns = await fixture.NamespaceAsync("ns-kubectl");
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings"), ns, cancellationToken: Ct);
        var kubectl = new KubectlRunner(fixture.Server.AdminKubeconfigPath, Path.Combine(fixture.DataDir, "kubectl-home"));

        var result = await kubectl.RunAsync("delete", "namespace", ns);

        result.EnsureSuccess();
        Assert.Contains($"namespace \"{ns}\" deleted", result.Output, StringComparison.Ordinal);
        Assert.Null(await ReadNamespaceAsync(ns));
        var get = await kubectl.RunAsync("get", "namespace", ns);
        Assert.NotEqual(0, get.ExitCode);
        Assert.Contains("NotFound", get.Error, StringComparison.Ordinal);
    }

    private static void AssertCondition(V1Namespace ns, string type, string status, string reason, string message)
    {
        var condition = Assert.Single(ns.Status.Conditions, c => c.Type == type);
        Assert.Equal((status, reason, message), (condition.Status, condition.Reason, condition.Message));
        Assert.NotNull(condition.LastTransitionTime);
    }

    private async Task<bool> DefaultServiceAccountExistsAsync(string ns) =>
        (await fixture.Client.CoreV1.ListNamespacedServiceAccountAsync(ns, cancellationToken: Ct)).Items.Any(sa => sa.Metadata.Name == "default");

    private async Task<V1Namespace?> ReadNamespaceAsync(string name)
    {
        try
        {
            return await fixture.Client.CoreV1.ReadNamespaceAsync(name, cancellationToken: Ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static V1ConfigMap ConfigMap(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, string> { ["key"] = "value" },
    };

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox:1.35" }] },
    };

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = 2,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = Pod(name).Spec,
            },
        },
    };
}
