namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl describe</c> of pods, services, deployments, namespaces and configmaps.</summary>
public sealed class KubectlDescribeTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task DescribePod_ShowsItsFieldsAndEvents()
    {
        var ns = await SeedAsync("describe-pod");

        var result = (await fixture.Kubectl.RunAsync("describe", "pod", "web-1", "-n", ns)).EnsureSuccess();

        var lines = Fields(result.Output);
        Assert.Equal("web-1", lines["Name"]);
        Assert.Equal(ns, lines["Namespace"]);
        Assert.Equal("0", lines["Priority"]);
        Assert.Equal("<none>", lines["Node"]);
        Assert.Equal("app=web", lines["Labels"]);
        Assert.Equal("Pending", lines["Status"]);
        Assert.Equal("BestEffort", lines["QoS Class"]);
        Assert.Contains("\nContainers:\n  nginx:\n    Image:        nginx:1.27\n    Port:         80/TCP\n", result.Output, StringComparison.Ordinal);
        Assert.Equal("<none>", lines["Events"]);
    }

    [Fact]
    public async Task DescribeService_ShowsSelectorTypeIpAndPorts()
    {
        var ns = await SeedAsync("describe-svc");

        var result = (await fixture.Kubectl.RunAsync("describe", "svc", "web", "-n", ns)).EnsureSuccess();

        var lines = Fields(result.Output);
        Assert.Equal("app=web", lines["Selector"]);
        Assert.Equal("ClusterIP", lines["Type"]);
        Assert.Equal("SingleStack", lines["IP Family Policy"]);
        Assert.Equal("IPv4", lines["IP Families"]);
        Assert.StartsWith("10.43.", lines["IP"], StringComparison.Ordinal);
        Assert.Equal("http  80/TCP", lines["Port"]);
        Assert.Equal("8080/TCP", lines["TargetPort"]);
        Assert.Equal("None", lines["Session Affinity"]);
        Assert.Equal("<none>", lines["Events"]);
    }

    [Fact]
    public async Task DescribeDeployment_ShowsReplicasStrategyAndTemplate()
    {
        var ns = await SeedAsync("describe-deploy");

        var result = (await fixture.Kubectl.RunAsync("describe", "deploy", "web", "-n", ns)).EnsureSuccess();

        var lines = Fields(result.Output);
        Assert.Equal("web", lines["Name"]);
        Assert.Equal("app=web", lines["Selector"]);
        Assert.Equal("2 desired | 0 updated | 0 total | 0 available | 0 unavailable", lines["Replicas"]);
        Assert.Equal("RollingUpdate", lines["StrategyType"]);
        Assert.Equal("0", lines["MinReadySeconds"]);
        Assert.Equal("25% max unavailable, 25% max surge", lines["RollingUpdateStrategy"]);
        Assert.Contains("\nPod Template:\n  Labels:  app=web\n  Containers:\n   nginx:\n    Image:         nginx:1.27\n", result.Output, StringComparison.Ordinal);
        Assert.Equal("<none>", lines["Events"]);
    }

    [Fact]
    public async Task DescribeNamespace_ShowsStatusQuotaAndLimitRange()
    {
        var ns = await SeedAsync("describe-ns");

        var result = (await fixture.Kubectl.RunAsync("describe", "ns", ns)).EnsureSuccess();

        Assert.Equal($"""
            Name:         {ns}
            Labels:       kubernetes.io/metadata.name={ns}
            Annotations:  <none>
            Status:       Active

            No resource quota.

            No LimitRange resource.

            """, result.Output);
    }

    [Fact]
    public async Task DescribeConfigMap_ShowsDataAndEvents()
    {
        var ns = await SeedAsync("describe-cm");

        var result = (await fixture.Kubectl.RunAsync("describe", "cm", "settings", "-n", ns)).EnsureSuccess();

        Assert.Equal($"""
            Name:         settings
            Namespace:    {ns}
            Labels:       app=web
                          tier=fe
            Annotations:  note: hello

            Data
            ====
            mode:
            ----
            fast


            BinaryData
            ====

            Events:  <none>

            """, result.Output);
    }

    [Fact]
    public async Task DescribeByLabel_DescribesEachMatchingPod()
    {
        var ns = await SeedAsync("describe-by-label");

        var result = (await fixture.Kubectl.RunAsync("describe", "pods", "-n", ns, "-l", "app=web")).EnsureSuccess();

        Assert.Matches(@"(?m)^Name:\s+web-1$", result.Output);
        Assert.Matches(@"(?m)^Name:\s+web-2$", result.Output);
    }

    [Fact]
    public async Task Describe_AMissingPod_PrintsNotFound()
    {
        var ns = await SeedAsync("describe-missing");

        var result = await fixture.Kubectl.RunAsync("describe", "pod", "nope", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (NotFound): pods \"nope\" not found\n", result.Error);
    }

    /// <summary>"Key:  value" lines at the left margin, as a dictionary.</summary>
    private static Dictionary<string, string> Fields(string output)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !line.StartsWith(' ') && !fields.ContainsKey(line[..colon]))
            {
                fields[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }
        return fields;
    }

    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        var path = _manifests.Write(ns + ".yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {app: web, tier: fe}
              annotations: {note: hello}
            data:
              mode: fast
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-1
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
                ports:
                - containerPort: 80
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-2
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - name: http
                port: 80
                targetPort: 8080
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
            """);
        (await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns)).EnsureSuccess();
        return ns;
    }
}
