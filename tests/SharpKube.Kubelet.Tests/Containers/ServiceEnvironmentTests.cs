using k8s.Models;
using SharpKube.Kubelet.Containers;

namespace SharpKube.Kubelet.Tests.Containers;

public sealed class ServiceEnvironmentTests
{
    internal static V1Service Service(string ns, string name, string clusterIP, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { ClusterIP = clusterIP, Ports = ports.ToList() },
    };

    internal static readonly V1Service Kubernetes =
        Service("default", "kubernetes", "10.96.0.1", new V1ServicePort { Name = "https", Port = 443, Protocol = "TCP" });

    [Fact]
    public void For_AServiceWithTwoPorts_WritesUpstreamsVariables()
    {
        var redis = Service("shop", "redis-main", "10.96.3.4",
            new V1ServicePort { Port = 6379 }, new V1ServicePort { Name = "metrics", Port = 9121, Protocol = "UDP" });
        var variables = ServiceEnvironment.For([redis], null, enableServiceLinks: true);
        KeyValuePair<string, string>[] expected =
        [
            new("REDIS_MAIN_SERVICE_HOST", "10.96.3.4"),
            new("REDIS_MAIN_SERVICE_PORT", "6379"),
            new("REDIS_MAIN_SERVICE_PORT_METRICS", "9121"),
            new("REDIS_MAIN_PORT", "tcp://10.96.3.4:6379"),
            new("REDIS_MAIN_PORT_6379_TCP", "tcp://10.96.3.4:6379"),
            new("REDIS_MAIN_PORT_6379_TCP_PROTO", "tcp"),
            new("REDIS_MAIN_PORT_6379_TCP_PORT", "6379"),
            new("REDIS_MAIN_PORT_6379_TCP_ADDR", "10.96.3.4"),
            new("REDIS_MAIN_PORT_9121_UDP", "udp://10.96.3.4:9121"),
            new("REDIS_MAIN_PORT_9121_UDP_PROTO", "udp"),
            new("REDIS_MAIN_PORT_9121_UDP_PORT", "9121"),
            new("REDIS_MAIN_PORT_9121_UDP_ADDR", "10.96.3.4"),
        ];
        Assert.Equal(expected, variables);
    }

    [Fact]
    public void For_AnIPv6ClusterIP_BracketsTheAddressInUrls()
    {
        var variables = ServiceEnvironment.For([Service("shop", "api", "fd00::10", new V1ServicePort { Port = 80 })], null, true);
        Assert.Contains(new KeyValuePair<string, string>("API_PORT", "tcp://[fd00::10]:80"), variables);
        Assert.Contains(new KeyValuePair<string, string>("API_PORT_80_TCP_ADDR", "fd00::10"), variables);
    }

    [Fact]
    public void For_HeadlessServices_AreSkipped() =>
        Assert.Empty(ServiceEnvironment.For([Service("shop", "db", "None", new V1ServicePort { Port = 5432 })], null, true));

    [Fact]
    public void For_ServiceLinksDisabled_KeepsOnlyTheKubernetesService()
    {
        var variables = ServiceEnvironment.For([Service("shop", "api", "10.96.0.7", new V1ServicePort { Port = 80 })], Kubernetes, false);
        Assert.All(variables, v => Assert.StartsWith("KUBERNETES_", v.Key, StringComparison.Ordinal));
        Assert.Contains(new KeyValuePair<string, string>("KUBERNETES_SERVICE_PORT_HTTPS", "443"), variables);
    }

    [Fact]
    public void For_ANamespaceServiceNamedKubernetes_WinsOverTheDefaultOne()
    {
        var own = Service("shop", "kubernetes", "10.96.9.9", new V1ServicePort { Port = 8443 });
        var variables = ServiceEnvironment.For([own], Kubernetes, true);
        Assert.Contains(new KeyValuePair<string, string>("KUBERNETES_SERVICE_HOST", "10.96.9.9"), variables);
        Assert.DoesNotContain(variables, v => v.Value == "10.96.0.1");
    }
}
