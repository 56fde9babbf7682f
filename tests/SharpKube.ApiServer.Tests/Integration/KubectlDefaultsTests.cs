using System.Net;
using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>The defaults upstream fills in on create, as <c>kubectl get -o json</c> shows them.</summary>
public sealed class KubectlDefaultsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task Pod_GetsRestartPolicyDnsPolicyGracePeriodSchedulerAndPendingPhase()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "defaults-pod");
        await CreateAsync(ns, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n");

        using var pod = await GetJsonAsync(ns, "pod", "p");

        var spec = pod.RootElement.GetProperty("spec");
        Assert.Equal("Always", spec.GetProperty("restartPolicy").GetString());
        Assert.Equal("ClusterFirst", spec.GetProperty("dnsPolicy").GetString());
        Assert.Equal(30, spec.GetProperty("terminationGracePeriodSeconds").GetInt64());
        Assert.Equal("default-scheduler", spec.GetProperty("schedulerName").GetString());
        var container = spec.GetProperty("containers")[0];
        Assert.Equal("IfNotPresent", container.GetProperty("imagePullPolicy").GetString());
        Assert.Equal("/dev/termination-log", container.GetProperty("terminationMessagePath").GetString());
        Assert.Equal("File", container.GetProperty("terminationMessagePolicy").GetString());
        var status = pod.RootElement.GetProperty("status");
        Assert.Equal("Pending", status.GetProperty("phase").GetString());
        Assert.Equal("BestEffort", status.GetProperty("qosClass").GetString());
        Assert.False(pod.RootElement.GetProperty("metadata").TryGetProperty("generation", out _));
    }

    [Fact]
    public async Task RunPod_GetsTheDefaultNotReadyAndUnreachableTolerations_InGetYaml()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "defaults-pod-tolerations");
        (await fixture.Kubectl.RunAsync("run", "p", "--image=busybox:1.35", "-n", ns)).EnsureSuccess();

        var yaml = (await fixture.Kubectl.RunAsync("get", "pod", "p", "-n", ns, "-o", "yaml")).EnsureSuccess().Output;

        Assert.Contains(
            "  tolerations:\n" +
            "  - effect: NoExecute\n    key: node.kubernetes.io/not-ready\n    operator: Exists\n    tolerationSeconds: 300\n" +
            "  - effect: NoExecute\n    key: node.kubernetes.io/unreachable\n    operator: Exists\n    tolerationSeconds: 300\n",
            yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pod_WithTheLatestTag_PullsAlways()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "defaults-pod-latest");
        await CreateAsync(ns, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 80\n");

        using var pod = await GetJsonAsync(ns, "pod", "p");

        var container = pod.RootElement.GetProperty("spec").GetProperty("containers")[0];
        Assert.Equal("Always", container.GetProperty("imagePullPolicy").GetString());
        Assert.Equal("TCP", container.GetProperty("ports")[0].GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task Deployment_GetsStrategyRevisionHistoryLimitProgressDeadlineAndGeneration()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "defaults-deploy");
        await CreateAsync(ns, """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              selector:
                matchLabels: {app: d}
              template:
                metadata:
                  labels: {app: d}
                spec:
                  containers:
                  - name: c
                    image: nginx:1.27
            """);

        using var deployment = await GetJsonAsync(ns, "deploy", "d");

        var spec = deployment.RootElement.GetProperty("spec");
        Assert.Equal(1, spec.GetProperty("replicas").GetInt64());
        Assert.Equal(10, spec.GetProperty("revisionHistoryLimit").GetInt64());
        Assert.Equal(600, spec.GetProperty("progressDeadlineSeconds").GetInt64());
        Assert.Equal("RollingUpdate", spec.GetProperty("strategy").GetProperty("type").GetString());
        Assert.Equal("25%", spec.GetProperty("strategy").GetProperty("rollingUpdate").GetProperty("maxSurge").GetString());
        Assert.Equal("25%", spec.GetProperty("strategy").GetProperty("rollingUpdate").GetProperty("maxUnavailable").GetString());
        Assert.Equal("Always", spec.GetProperty("template").GetProperty("spec").GetProperty("restartPolicy").GetString());
        Assert.Equal(1, deployment.RootElement.GetProperty("metadata").GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task Service_GetsTypeClusterIpFromTheServiceCidrAndSessionAffinity()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "defaults-svc");
        await CreateAsync(ns, "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: s}\n  ports:\n  - port: 80\n");

        using var service = await GetJsonAsync(ns, "svc", "s");

        var spec = service.RootElement.GetProperty("spec");
        Assert.Equal("ClusterIP", spec.GetProperty("type").GetString());
        Assert.Equal("None", spec.GetProperty("sessionAffinity").GetString());
        Assert.Equal("Cluster", spec.GetProperty("internalTrafficPolicy").GetString());
        var ip = IPAddress.Parse(spec.GetProperty("clusterIP").GetString()!);
        var bytes = ip.GetAddressBytes();
        Assert.Equal([10, 43], bytes[..2]);
        Assert.Equal(spec.GetProperty("clusterIP").GetString(), spec.GetProperty("clusterIPs")[0].GetString());
        var port = spec.GetProperty("ports")[0];
        Assert.Equal("TCP", port.GetProperty("protocol").GetString());
        Assert.Equal(80, port.GetProperty("targetPort").GetInt64());
    }

    [Fact]
    public async Task Services_GetDistinctClusterIps()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "defaults-svc-distinct");
        await CreateAsync(ns, "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ports:\n  - port: 80\n");

        var ips = (await fixture.Kubectl.RunAsync("get", "svc", "-n", ns, "-o", "jsonpath={.items[*].spec.clusterIP}")).EnsureSuccess().Output.Split(' ');

        Assert.Equal(2, ips.Distinct().Count());
    }

    [Fact]
    public async Task Namespace_IsActive()
    {
        await CreateAsync("default", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: defaults-ns\n");

        using var ns = await GetJsonAsync(null, "ns", "defaults-ns");

        Assert.Equal("Active", ns.RootElement.GetProperty("status").GetProperty("phase").GetString());
        Assert.Equal("defaults-ns", ns.RootElement.GetProperty("metadata").GetProperty("labels").GetProperty("kubernetes.io/metadata.name").GetString());
    }

    [Fact]
    public async Task Secret_GetsTypeOpaqueAndStringDataIsEncodedIntoData()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "defaults-secret");
        await CreateAsync(ns, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n");

        using var secret = await GetJsonAsync(ns, "secret", "s");

        Assert.Equal("Opaque", secret.RootElement.GetProperty("type").GetString());
        Assert.Equal("aHVudGVyMg==", secret.RootElement.GetProperty("data").GetProperty("password").GetString());
        Assert.False(secret.RootElement.TryGetProperty("stringData", out _));
    }

    [Fact]
    public async Task Objects_GetUidCreationTimestampAndResourceVersion()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "defaults-meta");
        await CreateAsync(ns, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");

        using var cm = await GetJsonAsync(ns, "cm", "c");

        var metadata = cm.RootElement.GetProperty("metadata");
        Assert.True(Guid.TryParse(metadata.GetProperty("uid").GetString(), out _));
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", metadata.GetProperty("creationTimestamp").GetString());
        Assert.Matches("^[0-9]+$", metadata.GetProperty("resourceVersion").GetString());
        Assert.False(metadata.TryGetProperty("generation", out _));
    }

    private async Task CreateAsync(string ns, string yaml) =>
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write(Guid.NewGuid().ToString("N") + ".yaml", yaml), "-n", ns)).EnsureSuccess();

    private async Task<JsonDocument> GetJsonAsync(string? ns, string kind, string name)
    {
        var arguments = ns is null ? new[] { "get", kind, name, "-o", "json" } : ["get", kind, name, "-n", ns, "-o", "json"];
        return JsonDocument.Parse((await fixture.Kubectl.RunAsync(arguments)).EnsureSuccess().Output);
    }
}
