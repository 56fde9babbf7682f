using k8s;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.EndpointSlice;

/// <summary>
/// The <c>kubernetes</c> Service's endpoints point at the API server itself (its address and HTTPS port), written by
/// the API server; the endpoint controllers leave them alone because the Service has no selector.
/// </summary>
public sealed class KubernetesServiceEndpointsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KubernetesService_EndpointsAndSlice_AreTheApiServersAddressAndPort_AndTheControllersKeepThem()
    {
        await using var controllers = RunningControllers.Start(fixture, "endpoint", "endpointslice");
        var server = fixture.Server.Url;
        var client = fixture.Client;

        var service = await client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default", cancellationToken: Ct);
        Assert.Null(service.Spec.Selector);
        Assert.Equal(("https", 443, server.Port), (service.Spec.Ports[0].Name, service.Spec.Ports[0].Port, int.Parse(service.Spec.Ports[0].TargetPort.Value, System.Globalization.CultureInfo.InvariantCulture)));

        // Long enough for both controllers to have synced every Service (measures that nothing changes, no wait).
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);

        var endpoints = await client.CoreV1.ReadNamespacedEndpointsAsync("kubernetes", "default", cancellationToken: Ct);
        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal(server.Host, Assert.Single(subset.Addresses).Ip);
        Assert.Equal(("https", server.Port, "TCP"), (subset.Ports[0].Name, subset.Ports[0].Port, subset.Ports[0].Protocol));

        var slices = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default",
            labelSelector: "kubernetes.io/service-name=kubernetes", cancellationToken: Ct);
        var slice = Assert.Single(slices.Items);
        Assert.Equal("kubernetes", slice.Metadata.Name);
        Assert.False(slice.Metadata.Labels.ContainsKey("endpointslice.kubernetes.io/managed-by"));
        Assert.Equal("IPv4", slice.AddressType);
        var endpoint = Assert.Single(slice.Endpoints);
        Assert.Equal([server.Host], endpoint.Addresses);
        Assert.True(endpoint.Conditions.Ready);
        Assert.Equal(("https", server.Port), (slice.Ports[0].Name, slice.Ports[0].Port));
    }
}
