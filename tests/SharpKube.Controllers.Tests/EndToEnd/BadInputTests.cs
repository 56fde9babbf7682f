using k8s;
using k8s.Models;
using SharpKube.Controllers.Manager;
using SharpKube.Controllers.Tests.Fixtures;
using SharpKube.Controllers.Tests.Deployment;
using SharpKube.Controllers.Tests.ReplicaSet;

namespace SharpKube.Controllers.Tests.EndToEnd;

/// <summary>
/// Objects the controllers cannot make right, all at once in one namespace under every controller: each is
/// reported (condition, event) or handled as upstream does, and afterwards the controllers go quiet instead of
/// retrying in a tight loop.
/// </summary>
public sealed class BadInputTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BadObjects_AreReportedOrHandled_AndTheControllersSettleWithoutHotLooping()
    {
        var ns = await fixture.NamespaceAsync("bad-input");
        var requests = new RequestLog();
        await using var controllers = RunningControllers.Start(fixture.NewClient(requests), new ControllerManagerOptions
        {
            LeaderElect = false,
            Controllers = ControllerSelection.Parse(["*"]).ToHashSet(),
        });

        // A Service whose selector matches nothing.
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "nothing" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "no-such-pod" },
                Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }],
            },
        }, ns, cancellationToken: Ct);
        // A ReplicaSet whose pods the API server refuses.
        var refused = Workloads.ReplicaSet("refused", 2);
        refused.Spec.Template.Metadata.Finalizers = ["not a valid finalizer"];
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(refused, ns, cancellationToken: Ct);
        // A Deployment whose ReplicaSet name ("<name>-<hash>") is too long to be valid.
        var longName = new string('d', 245);
        var tooLong = TestDeployments.Build(longName, 1);
        tooLong.Spec.Selector.MatchLabels["app"] = "long";
        tooLong.Spec.Template.Metadata.Labels["app"] = "long";
        await TestDeployments.CreateAsync(Client, ns, tooLong);
        // Owner references: to an owner that never existed, to the right uid under the wrong kind, to a kind no
        // API serves, and two ConfigMaps owning each other.
        var configMap = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("real-config"), ns, cancellationToken: Ct);
        await CreatePodOwnedByAsync(ns, "dangling", Owner("apps/v1", "ReplicaSet", "gone", Guid.NewGuid().ToString()));
        await CreatePodOwnedByAsync(ns, "wrong-kind", Owner("apps/v1", "ReplicaSet", "real-config", configMap.Metadata.Uid));
        await CreatePodOwnedByAsync(ns, "unknown-kind", Owner("example.com/v1", "Widget", "w", Guid.NewGuid().ToString()));
        var first = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cycle-a"), ns, cancellationToken: Ct);
        var second = ConfigMap("cycle-b");
        second.Metadata.OwnerReferences = [Owner("v1", "ConfigMap", "cycle-a", first.Metadata.Uid)];
        second = await Client.CoreV1.CreateNamespacedConfigMapAsync(second, ns, cancellationToken: Ct);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(
            $$$"""{"metadata":{"ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"cycle-b","uid":"{{{second.Metadata.Uid}}}"}]}}""",
            V1Patch.PatchType.MergePatch), "cycle-a", ns, cancellationToken: Ct);

        await Eventually.TrueAsync(async () => (await Client.ReplicaSetAsync(ns, "refused")).Status?.Conditions?.Any(c =>
            c is { Type: "ReplicaFailure", Status: "True", Reason: "FailedCreate" }) == true, "the ReplicaSet reports ReplicaFailure");
        await Eventually.TrueAsync(async () => (await Client.EventsAsync(ns, "refused", "FailedCreate")).Count > 0, "and a FailedCreate event");
        await Eventually.TrueAsync(async () => TestDeployments.Condition(await TestDeployments.GetAsync(Client, ns, longName), "Progressing")
            is { Status: "False", Reason: "ReplicaSetCreateError" }, "the Deployment reports ReplicaSetCreateError");
        await Eventually.TrueAsync(async () => (await Client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns,
            labelSelector: "kubernetes.io/service-name=nothing", cancellationToken: Ct)).Items is [{ Endpoints: null or [] }],
            "the Service gets one empty EndpointSlice");
        await Eventually.TrueAsync(async () => (await Client.CoreV1.ListNamespacedEndpointsAsync(ns, fieldSelector: "metadata.name=nothing",
            cancellationToken: Ct)).Items is [{ Subsets: null or [] }], "and Endpoints without addresses");
        await Eventually.TrueAsync(async () => (await Client.PodsAsync(ns)).Select(p => p.Metadata.Name).Order().SequenceEqual(["unknown-kind"]),
            "the pods whose owners are absent are collected; the one whose owner cannot be looked up stays");
        var configMaps = (await Client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: Ct)).Items.Select(c => c.Metadata.Name);
        Assert.Superset(new HashSet<string> { "real-config", "cycle-a", "cycle-b" }, configMaps.ToHashSet());

        // Measures the request rate once everything is reported (not a synchronisation): retries back off
        // exponentially, so a few fit in the window; a hot loop would make hundreds.
        var before = requests.Requests.Count;
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        var during = requests.Requests.Skip(before).ToList();
        Assert.True(during.Count <= 40, $"{during.Count} requests in 3 s after settling:\n" + string.Join('\n', during));
        Assert.False(controllers.Stopped, "the controllers keep running");
        Assert.Equal(["unknown-kind"], (await Client.PodsAsync(ns)).Select(p => p.Metadata.Name));
    }

    private async Task CreatePodOwnedByAsync(string ns, string name, V1OwnerReference owner) =>
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, OwnerReferences = [owner] },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox" }] },
        }, ns, cancellationToken: Ct);

    private static V1OwnerReference Owner(string apiVersion, string kind, string name, string uid) =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = uid };

    private static V1ConfigMap ConfigMap(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };
}
