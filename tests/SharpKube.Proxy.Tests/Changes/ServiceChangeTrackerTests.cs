using System.Net;
using k8s.Models;
using SharpKube.Proxy.Changes;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Tests.Changes;

public sealed class ServiceChangeTrackerTests
{
    private static readonly IReadOnlyList<IPAddress> Node = [IPAddress.Parse("192.168.100.1")];

    private static V1Service Service(string name, string? clusterIP = "10.43.0.20", string type = "ClusterIP") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ServiceSpec
        {
            Type = type,
            ClusterIP = clusterIP,
            ClusterIPs = clusterIP is null ? null : [clusterIP],
            Ports = [new V1ServicePort { Name = "http", Port = 80, Protocol = "TCP", NodePort = type == "ClusterIP" ? null : 30080 }],
        },
    };

    private static V1EndpointSlice Slice(string name, string service, params V1Endpoint[] endpoints) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "default",
            Labels = new Dictionary<string, string> { [SliceEndpoints.ServiceNameLabel] = service },
            Annotations = new Dictionary<string, string> { [ServiceChangeTracker.TriggerTimeAnnotation] = "2026-01-01T00:00:00Z" },
        },
        AddressType = "IPv4",
        Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
        Endpoints = endpoints,
    };

    private static V1Endpoint Endpoint(string ip, bool? ready = true, bool? serving = null, bool? terminating = null, string node = "node-a") => new()
    {
        Addresses = [ip],
        Conditions = new V1EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating },
        NodeName = node,
    };

    [Fact]
    public void ServiceAndSlice_BecomeOnePortWithItsEndpoints_AndTheSlicesTriggerTime()
    {
        var tracker = new ServiceChangeTracker("node-a");
        tracker.OnService(Service("web"));
        tracker.OnSlice(Slice("web-1", "web", Endpoint("10.42.0.10"), Endpoint("10.42.0.11", ready: false, serving: true, terminating: true, node: "node-b")));

        var changes = tracker.Take(full: false, Node);

        var name = new ServicePortName("default", "web", "http", ServiceProtocol.Tcp);
        Assert.Equal(new HashSet<string> { "default/web" }, changes.State.ChangedServices);
        Assert.Equal(80, changes.State.Services[name].Port);
        Assert.Equal(
            [new EndpointInfo(IPAddress.Parse("10.42.0.10"), 8080, true, true, false, true), new EndpointInfo(IPAddress.Parse("10.42.0.11"), 8080, false, true, true, false)],
            changes.State.Endpoints[name]);
        Assert.Contains(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), changes.Triggers);
    }

    [Fact]
    public void HeadlessAndExternalNameServices_AreNotProgrammed()
    {
        var tracker = new ServiceChangeTracker("node-a");
        tracker.OnService(Service("headless", clusterIP: "None"));
        var external = Service("ext", clusterIP: null, type: "ExternalName");
        tracker.OnService(external);

        Assert.Empty(tracker.Take(full: true, Node).State.Services);
    }

    [Fact]
    public void DeletedService_DisappearsFromTheNextState_AndUnchangedOnesAreNotMarkedChanged()
    {
        var tracker = new ServiceChangeTracker("node-a");
        tracker.OnService(Service("a"));
        tracker.OnService(Service("b", "10.43.0.21"));
        tracker.Take(full: true, Node);

        tracker.OnServiceDeleted(Service("a"));
        var changes = tracker.Take(full: false, Node);

        Assert.Equal(new HashSet<string> { "default/a" }, changes.State.ChangedServices);
        Assert.Equal(["default/b"], changes.State.Services.Keys.Select(k => k.ServiceKey));
    }

    [Fact]
    public void LoadBalancerService_ReadsIngressIPsNodePortAndLocalPolicy()
    {
        var service = Service("lb", type: "LoadBalancer");
        service.Spec.ExternalTrafficPolicy = "Local";
        service.Spec.HealthCheckNodePort = 32000;
        service.Spec.SessionAffinity = "ClientIP";
        service.Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus { Ingress = [new V1LoadBalancerIngress { Ip = "192.168.100.1" }] } };

        var port = Assert.Single(ServicePorts.Of(service));

        Assert.Equal([IPAddress.Parse("192.168.100.1")], port.LoadBalancerIPs);
        Assert.Equal(30080, port.NodePort);
        Assert.True(port.ExternalPolicyLocal);
        Assert.Equal(32000, port.HealthCheckNodePort);
        Assert.Equal(ServicePorts.DefaultStickySeconds, port.StickySeconds);
    }
}
