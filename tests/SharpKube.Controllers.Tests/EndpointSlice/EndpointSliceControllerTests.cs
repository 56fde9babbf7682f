using k8s;
using k8s.Models;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.EndpointSlice;

public sealed class EndpointSliceControllerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Dictionary<string, string> WebLabels = new() { ["app"] = "web" };

    [Fact]
    public async Task SelectedPodsWithIps_BecomeEndpoints_WithConditionsResolvedPortsAndOwner()
    {
        var ns = await fixture.NamespaceAsync("eps-basic");
        var service = await CreateServiceAsync(ns, "web");
        await TestPods.CreateAsync(fixture.Client, ns, "web-a", WebLabels);
        await TestPods.CreateAsync(fixture.Client, ns, "web-b", WebLabels, httpPort: 9090);
        await TestPods.CreateAsync(fixture.Client, ns, "web-c", WebLabels);
        await TestPods.CreateAsync(fixture.Client, ns, "other", new Dictionary<string, string> { ["app"] = "other" });
        await TestPods.SetRunningAsync(fixture.Client, ns, "web-a", "10.42.0.10", ready: true);
        await TestPods.SetRunningAsync(fixture.Client, ns, "web-b", "10.42.0.11", ready: false);
        await TestPods.SetRunningAsync(fixture.Client, ns, "other", "10.42.0.12", ready: true);
        await using var controllers = RunningControllers.Start(fixture, "endpointslice");

        var slices = await SlicesWhenAsync(ns, "web", s => s.Sum(x => x.Endpoints?.Count ?? 0) == 2);

        Assert.Equal(2, slices.Count);
        var byIp = slices.SelectMany(s => (s.Endpoints ?? []).Select(e => (Slice: s, Endpoint: e))).ToDictionary(x => x.Endpoint.Addresses[0]);
        Assert.Equal((true, true, false), Conditions(byIp["10.42.0.10"].Endpoint));
        Assert.Equal((false, false, false), Conditions(byIp["10.42.0.11"].Endpoint));
        Assert.Equal(8080, byIp["10.42.0.10"].Slice.Ports.Single().Port);
        Assert.Equal(9090, byIp["10.42.0.11"].Slice.Ports.Single().Port);
        Assert.Equal("http", byIp["10.42.0.10"].Slice.Ports.Single().Name);
        var slice = byIp["10.42.0.10"].Slice;
        Assert.Equal("IPv4", slice.AddressType);
        Assert.StartsWith("web-", slice.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("web", slice.Metadata.Labels["kubernetes.io/service-name"]);
        Assert.Equal("endpointslice-controller.k8s.io", slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        Assert.Equal("frontend", slice.Metadata.Labels["tier"]);
        var owner = Assert.Single(slice.Metadata.OwnerReferences);
        Assert.Equal(("Service", "web", service.Metadata.Uid, true), (owner.Kind, owner.Name, owner.Uid, owner.Controller ?? false));
        Assert.Equal(("Pod", "web-a"), (byIp["10.42.0.10"].Endpoint.TargetRef.Kind, byIp["10.42.0.10"].Endpoint.TargetRef.Name));

        await TestPods.SetRunningAsync(fixture.Client, ns, "web-c", "10.42.0.13", ready: true);
        await SlicesWhenAsync(ns, "web", s => s.Sum(x => x.Endpoints?.Count ?? 0) == 3);
    }

    [Fact]
    public async Task TerminatingPods_StayAsTerminatingEndpoints()
    {
        var ns = await fixture.NamespaceAsync("eps-terminating");
        await CreateServiceAsync(ns, "web");
        await TestPods.CreateAsync(fixture.Client, ns, "web-a", WebLabels, finalizers: ["test.sharpkube.io/hold"]);
        await TestPods.SetRunningAsync(fixture.Client, ns, "web-a", "10.42.1.10", ready: true);
        await using var controllers = RunningControllers.Start(fixture, "endpointslice");
        await SlicesWhenAsync(ns, "web", s => s.Sum(x => x.Endpoints?.Count ?? 0) == 1);

        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("web-a", ns, new V1DeleteOptions { GracePeriodSeconds = 30 }, cancellationToken: Ct);

        var slices = await SlicesWhenAsync(ns, "web", s => s.Any(x => x.Endpoints?.Any(e => e.Conditions.Terminating == true) ?? false));
        Assert.Equal((false, true, true), Conditions(slices.Single().Endpoints.Single()));
    }

    [Fact]
    public async Task AServiceWithoutEndpoints_HasOnePlaceholderSlice_AndADeletedSliceComesBack()
    {
        var ns = await fixture.NamespaceAsync("eps-placeholder");
        await CreateServiceAsync(ns, "web");
        await using var controllers = RunningControllers.Start(fixture, "endpointslice");

        var slice = (await SlicesWhenAsync(ns, "web", s => s.Count == 1)).Single();
        Assert.Empty(slice.Endpoints ?? []);
        Assert.Null(slice.Ports);

        await fixture.Client.DiscoveryV1.DeleteNamespacedEndpointSliceAsync(slice.Metadata.Name, ns, cancellationToken: Ct);

        var replacement = (await SlicesWhenAsync(ns, "web", s => s.Count == 1 && s[0].Metadata.Name != slice.Metadata.Name)).Single();
        Assert.Empty(replacement.Endpoints ?? []);
    }

    [Fact]
    public async Task ManyPods_AreSplitIntoSlicesOfAtMostAHundred()
    {
        var ns = await fixture.NamespaceAsync("eps-many");
        await CreateServiceAsync(ns, "web");
        for (var i = 0; i < 130; i++)
        {
            await TestPods.CreateAsync(fixture.Client, ns, $"web-{i:000}", WebLabels);
            await TestPods.SetRunningAsync(fixture.Client, ns, $"web-{i:000}", $"10.42.2.{i + 1}", ready: true);
        }
        await using var controllers = RunningControllers.Start(fixture, "endpointslice");

        var slices = await SlicesWhenAsync(ns, "web", s => s.Sum(x => x.Endpoints?.Count ?? 0) == 130);

        Assert.Equal([30, 100], slices.Select(s => s.Endpoints.Count).Order());
        Assert.Equal(130, slices.SelectMany(s => s.Endpoints).Select(e => e.TargetRef.Uid).Distinct().Count());
    }

    [Fact]
    public async Task AServiceWithoutASelector_GetsNoSlices()
    {
        var ns = await fixture.NamespaceAsync("eps-no-selector");
        await CreateServiceAsync(ns, "manual", selector: false);
        await CreateServiceAsync(ns, "web");
        await using var controllers = RunningControllers.Start(fixture, "endpointslice");

        // The selected service's placeholder proves the controller has run over both.
        await SlicesWhenAsync(ns, "web", s => s.Count == 1);
        Assert.Empty(await SlicesAsync(ns, "manual"));
    }

    private async Task<V1Service> CreateServiceAsync(string ns, string name, bool selector = true) =>
        await fixture.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["tier"] = "frontend" } },
            Spec = new V1ServiceSpec
            {
                Selector = selector ? WebLabels : null,
                Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }],
            },
        }, ns, cancellationToken: Ct);

    private async Task<List<V1EndpointSlice>> SlicesAsync(string ns, string service) =>
        (await fixture.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: $"kubernetes.io/service-name={service}",
            cancellationToken: Ct)).Items.ToList();

    private async Task<List<V1EndpointSlice>> SlicesWhenAsync(string ns, string service, Func<List<V1EndpointSlice>, bool> condition)
    {
        List<V1EndpointSlice> slices = [];
        await Eventually.TrueAsync(async () => condition(slices = await SlicesAsync(ns, service)), $"the slices of {service} match");
        return slices;
    }

    private static (bool? Ready, bool? Serving, bool? Terminating) Conditions(V1Endpoint endpoint) =>
        (endpoint.Conditions.Ready, endpoint.Conditions.Serving, endpoint.Conditions.Terminating);
}
