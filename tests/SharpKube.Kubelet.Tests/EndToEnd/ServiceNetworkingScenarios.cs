using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s;
using k8s.Models;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>
/// Services end to end on the real cluster, once per service-proxy mode: a Deployment of three busybox httpd pods that
/// each answer with their own name, reached from a client pod by service name through the cluster DNS and the proxy's
/// rules, and from the host through node ports, the load balancer and <c>dig</c>.
/// </summary>
/// <remarks>
/// The client pod speaks HTTP/1.0 with <c>nc</c>: Debian's static busybox <c>wget</c> crashes resolving any host name
/// (on the host as well), while its <c>nc</c> resolves through the pod's resolv.conf like any libc program.
/// </remarks>
public abstract class ServiceNetworkingScenarios(ClusterFixture cluster, string proxyMode) : IAsyncLifetime
{
    private const string Ns = "default";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Kubernetes Client => cluster.Client;

    public async ValueTask InitializeAsync()
    {
        await cluster.EnsureProxyModeAsync(proxyMode);
        (await cluster.Kubectl.RunWithInputAsync(ServiceManifests.All, "apply", "-f", "-")).EnsureSuccess();
        await WaitForReadyEndpointsAsync("web", 3);
        await cluster.WaitForPodAsync(Ns, "client", p => p.Status?.Phase == "Running", "the client pod runs");
    }

    public async ValueTask DisposeAsync()
    {
        await cluster.Kubectl.RunWithInputAsync(ServiceManifests.All, "delete", "--ignore-not-found", "--wait=true", "-f", "-");
        await cluster.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ClusterIP_SpreadsRequestsOverEveryPod_FollowsScaling_AndRefusesWithoutEndpoints()
    {
        var pods = await WebPodNamesAsync();
        var answers = await RequestsFromClientAsync("web", 100);
        Assert.Equal(100, answers.Count);
        Assert.Equal(pods.Order(), answers.Distinct().Order());
        var byFullName = await RequestsFromClientAsync("web.default.svc.cluster.local", 10);
        Assert.Equal(10, byFullName.Count);
        Assert.All(byFullName, a => Assert.Contains(a, pods));

        await ScaleAsync(1);
        var left = (await WebPodNamesAsync()).Single();
        await cluster.WaitUntilAsync(async () => (await RequestsFromClientAsync("web", 20)).All(a => a == left), TimeSpan.FromSeconds(30),
            "every request goes to the one pod left");

        await ScaleAsync(0);
        await cluster.WaitUntilAsync(async () =>
        {
            var started = DateTime.UtcNow;
            var refused = await ClientShellAsync("printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 10 web 80; echo exit=$?");
            return refused.Contains("Connection refused", StringComparison.Ordinal) && DateTime.UtcNow - started < TimeSpan.FromSeconds(5);
        }, TimeSpan.FromSeconds(30), "a request to the service without endpoints is refused at once");
        await ScaleAsync(3);
    }

    [Fact]
    public async Task NodePort_AnswersOnTheNodesAddressAndOnLocalhost()
    {
        var service = await Client.CoreV1.ReadNamespacedServiceAsync("web-nodeport", Ns, cancellationToken: Ct);
        var nodePort = service.Spec.Ports.Single().NodePort!.Value;
        var pods = await WebPodNamesAsync();

        Assert.Contains(await HttpGetFromHostAsync(await NodeAddressAsync(), nodePort), pods);
        Assert.Contains(await HttpGetFromHostAsync(IPAddress.Loopback, nodePort), pods);
    }

    [Fact]
    public async Task LoadBalancer_GetsTheNodesAddress_AndServesThePortThere()
    {
        var node = await NodeAddressAsync();
        await cluster.WaitUntilAsync(async () =>
        {
            var service = await Client.CoreV1.ReadNamespacedServiceAsync("web-lb", Ns, cancellationToken: Ct);
            return service.Status?.LoadBalancer?.Ingress?.Any(i => i.Ip == node.ToString()) == true;
        }, TimeSpan.FromSeconds(30), "the load balancer's ingress is the node's address");

        Assert.Contains(await HttpGetFromHostAsync(node, 8088), await WebPodNamesAsync());
    }

    [Fact]
    public async Task ClientIPAffinity_PinsTheClientToOnePod()
    {
        var answers = await RequestsFromClientAsync("web-sticky", 20);

        Assert.Equal(20, answers.Count);
        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task HeadlessService_ResolvesToEveryReadyPod()
    {
        var podIps = (await Client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: "app=web", cancellationToken: Ct)).Items.Select(p => p.Status.PodIP);

        var answer = await Dig.RunAsync("@" + ClusterDnsAddress, "+short", "web-headless.default.svc.cluster.local");

        Assert.Equal(podIps.Order(), Lines(answer).Order());
    }

    [Fact]
    public async Task SrvAndPtrQueries_NameTheService()
    {
        var service = await Client.CoreV1.ReadNamespacedServiceAsync("web", Ns, cancellationToken: Ct);

        var srv = await Dig.RunAsync("@" + ClusterDnsAddress, "+short", "SRV", "_http._tcp.web.default.svc.cluster.local");
        var ptr = await Dig.RunAsync("@" + ClusterDnsAddress, "+short", "-x", service.Spec.ClusterIP);

        Assert.Equal(["0 100 80 web.default.svc.cluster.local."], Lines(srv));
        Assert.Equal(["web.default.svc.cluster.local."], Lines(ptr));
    }

    [Fact]
    public async Task ExternalNameService_IsACname()
    {
        var answer = await Dig.RunAsync("@" + ClusterDnsAddress, "outside.default.svc.cluster.local");

        Assert.Contains("status: NOERROR", answer, StringComparison.Ordinal);
        Assert.Matches(@"outside\.default\.svc\.cluster\.local\.\s+\d+\s+IN\s+CNAME\s+external\.sharpkube\.test\.", answer);
    }

    [Fact]
    public async Task NamesOutsideTheCluster_AreForwardedToTheNodesResolver_AndCached()
    {
        var name = proxyMode + "-" + Guid.NewGuid().ToString("N")[..6] + "." + TestResolver.ExternalName;

        var first = await Dig.RunAsync("@" + ClusterDnsAddress, "+short", name);
        var second = await Dig.RunAsync("@" + ClusterDnsAddress, "+short", name);
        var forwarded = cluster.Resolver.AQueriesFor(name);
        var fromPod = await ClientShellAsync($"nslookup {name}");

        Assert.Equal([TestResolver.ExternalAddress], Lines(first));
        Assert.Equal([TestResolver.ExternalAddress], Lines(second));
        Assert.Equal(1, forwarded);
        Assert.Contains(TestResolver.ExternalAddress, fromPod, StringComparison.Ordinal);
    }

    /// <summary>The cluster DNS service's address, reached from the host through the proxy's rules like from a pod.</summary>
    private const string ClusterDnsAddress = "10.43.0.10";

    private async Task<List<string>> RequestsFromClientAsync(string host, int count)
    {
        var output = await ClientShellAsync(
            $"for i in $(seq 1 {count}); do printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 {host} 80 | tail -n 1; done");
        return Lines(output);
    }

    private async Task<string> ClientShellAsync(string script)
    {
        var result = await cluster.Kubectl.RunAsync("exec", "client", "--", "sh", "-c", script);
        return result.Output + result.Error;
    }

    private async Task<string> HttpGetFromHostAsync(IPAddress address, int port)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(address, port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray(), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var response = await reader.ReadToEndAsync(timeout.Token);
        return Lines(response).Last();
    }

    private async Task<IPAddress> NodeAddressAsync()
    {
        var node = await Client.CoreV1.ReadNodeAsync(ClusterFixture.NodeName, cancellationToken: Ct);
        return IPAddress.Parse(node.Status.Addresses.First(a => a.Type == "InternalIP").Address);
    }

    private async Task<List<string>> WebPodNamesAsync() =>
        (await Client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: "app=web", cancellationToken: Ct)).Items
            .Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Metadata.Name).ToList();

    private async Task ScaleAsync(int replicas)
    {
        (await cluster.Kubectl.RunAsync("scale", "deployment", "web", "--replicas=" + replicas)).EnsureSuccess();
        await WaitForReadyEndpointsAsync("web", replicas);
        await cluster.WaitUntilAsync(async () => (await WebPodNamesAsync()).Count == replicas, TimeSpan.FromSeconds(60), $"{replicas} web pods are left");
    }

    private Task WaitForReadyEndpointsAsync(string service, int count) =>
        cluster.WaitUntilAsync(async () =>
        {
            var slices = await Client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Ns, labelSelector: "kubernetes.io/service-name=" + service, cancellationToken: Ct);
            return slices.Items.SelectMany(s => s.Endpoints ?? []).Count(e => e.Conditions?.Ready == true) == count;
        }, TimeSpan.FromSeconds(90), $"{service} has {count} ready endpoints");

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
