using k8s;
using k8s.Models;

namespace SharpKube.Dns.Tests.Fixtures;

/// <summary>Creates the Services and EndpointSlices tests resolve.</summary>
public static class TestServices
{
    /// <summary>A ClusterIP service with a named TCP port "http" 80 and an unnamed UDP one.</summary>
    public static Task<V1Service> ClusterIpAsync(Kubernetes client, string ns, string name) =>
        client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = name },
                Ports = [new V1ServicePort { Name = "http", Port = 80, Protocol = "TCP" }, new V1ServicePort { Name = "dns", Port = 53, Protocol = "UDP" }],
            },
        }, ns, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>A headless service with a named TCP port "http".</summary>
    public static Task<V1Service> HeadlessAsync(Kubernetes client, string ns, string name, bool publishNotReady = false) =>
        client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                PublishNotReadyAddresses = publishNotReady,
                Selector = new Dictionary<string, string> { ["app"] = name },
                Ports = [new V1ServicePort { Name = "http", Port = 80, Protocol = "TCP" }],
            },
        }, ns, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>An EndpointSlice of <paramref name="service"/> with the given endpoints (address, hostname, ready), port http 8080.</summary>
    public static Task<V1EndpointSlice> SliceAsync(Kubernetes client, string ns, string service, string name,
        params (string Address, string? Hostname, bool Ready)[] endpoints) =>
        client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service } },
            AddressType = "IPv4",
            Endpoints = [.. endpoints.Select(e => new V1Endpoint
            {
                Addresses = [e.Address],
                Hostname = e.Hostname,
                Conditions = new V1EndpointConditions { Ready = e.Ready },
            })],
            Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
        }, ns, cancellationToken: TestContext.Current.CancellationToken);
}
