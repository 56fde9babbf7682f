using k8s;
using k8s.Models;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.Endpoints;

public sealed class EndpointsControllerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Dictionary<string, string> WebLabels = new() { ["app"] = "web" };

    [Fact]
    public async Task ReadyAndNotReadyPods_FillAddressesAndNotReadyAddresses_AndTerminatingOnesAreLeftOut()
    {
        var ns = await fixture.NamespaceAsync("ep-basic");
        await CreateServiceAsync(ns, "web", selector: true);
        await TestPods.CreateAsync(fixture.Client, ns, "web-a", WebLabels);
        await TestPods.CreateAsync(fixture.Client, ns, "web-b", WebLabels);
        await TestPods.CreateAsync(fixture.Client, ns, "web-c", WebLabels, finalizers: ["test.sharpkube.io/hold"]);
        await TestPods.SetRunningAsync(fixture.Client, ns, "web-a", "10.42.3.10", ready: true);
        await TestPods.SetRunningAsync(fixture.Client, ns, "web-b", "10.42.3.11", ready: false);
        await TestPods.SetRunningAsync(fixture.Client, ns, "web-c", "10.42.3.12", ready: true);
        await using var controllers = RunningControllers.Start(fixture, "endpoint");

        var endpoints = await EndpointsWhenAsync(ns, "web", e => e?.Subsets?.Sum(s => (s.Addresses?.Count ?? 0) + (s.NotReadyAddresses?.Count ?? 0)) == 3);
        var subset = Assert.Single(endpoints!.Subsets);
        Assert.Equal(["10.42.3.10", "10.42.3.12"], subset.Addresses.Select(a => a.Ip));
        Assert.Equal(["10.42.3.11"], subset.NotReadyAddresses.Select(a => a.Ip));
        Assert.Equal(("http", 8080, "TCP"), (subset.Ports.Single().Name, subset.Ports.Single().Port, subset.Ports.Single().Protocol));
        Assert.Equal(("Pod", "web-a"), (subset.Addresses[0].TargetRef.Kind, subset.Addresses[0].TargetRef.Name));

        await fixture.Client.CoreV1.DeleteNamespacedPodAsync("web-c", ns, cancellationToken: Ct);

        await EndpointsWhenAsync(ns, "web", e => e?.Subsets?.Single().Addresses?.Select(a => a.Ip).SequenceEqual(["10.42.3.10"]) ?? false);
    }

    [Fact]
    public async Task DeletingTheService_DeletesItsEndpoints_AndHandMadeEndpointsAreLeftAlone()
    {
        var ns = await fixture.NamespaceAsync("ep-delete");
        await CreateServiceAsync(ns, "web", selector: true);
        await CreateServiceAsync(ns, "manual", selector: false);
        await fixture.Client.CoreV1.CreateNamespacedEndpointsAsync(new V1Endpoints
        {
            Metadata = new V1ObjectMeta { Name = "manual" },
            Subsets = [new V1EndpointSubset { Addresses = [new V1EndpointAddress { Ip = "192.0.2.1" }], Ports = [new Corev1EndpointPort { Port = 80 }] }],
        }, ns, cancellationToken: Ct);
        await using var controllers = RunningControllers.Start(fixture, "endpoint");
        await EndpointsWhenAsync(ns, "web", e => e is not null);

        await fixture.Client.CoreV1.DeleteNamespacedServiceAsync("web", ns, cancellationToken: Ct);

        await EndpointsWhenAsync(ns, "web", e => e is null);
        var manual = await fixture.Client.CoreV1.ReadNamespacedEndpointsAsync("manual", ns, cancellationToken: Ct);
        Assert.Equal("192.0.2.1", manual.Subsets.Single().Addresses.Single().Ip);
    }

    private async Task CreateServiceAsync(string ns, string name, bool selector) =>
        await fixture.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec
            {
                Selector = selector ? WebLabels : null,
                Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = "http" }],
            },
        }, ns, cancellationToken: Ct);

    private async Task<V1Endpoints?> EndpointsWhenAsync(string ns, string name, Func<V1Endpoints?, bool> condition)
    {
        V1Endpoints? endpoints = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                endpoints = await fixture.Client.CoreV1.ReadNamespacedEndpointsAsync(name, ns, cancellationToken: Ct);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                endpoints = null;
            }
            return condition(endpoints);
        }, $"the Endpoints {name} match");
        return endpoints;
    }
}
