namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl scale</c> through the scale subresource.</summary>
public sealed class KubectlScaleTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task ScaleDeployment_SetsReplicasAndBumpsGeneration()
    {
        var ns = await SeedAsync("scale-deploy");

        var result = await fixture.Kubectl.RunAsync("scale", "deploy", "web", "--replicas=3", "-n", ns);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("deployment.apps/web scaled\n", result.Output);
        var read = (await fixture.Kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.replicas} {.metadata.generation}")).EnsureSuccess();
        Assert.Equal("3 2", read.Output);
    }

    [Fact]
    public async Task ScaleDeployment_ToZero_Works()
    {
        var ns = await SeedAsync("scale-zero");

        (await fixture.Kubectl.RunAsync("scale", "deployment/web", "--replicas=0", "-n", ns)).EnsureSuccess();

        var table = KubectlTable.Parse((await fixture.Kubectl.RunAsync("get", "deploy", "-n", ns)).EnsureSuccess().Output);
        Assert.Equal("0/0", table.Row("web")["READY"]);
    }

    [Fact]
    public async Task ScaleDeployment_WithAMatchingCurrentReplicas_Scales()
    {
        var ns = await SeedAsync("scale-current-match");

        var result = await fixture.Kubectl.RunAsync("scale", "deploy", "web", "--current-replicas=2", "--replicas=5", "-n", ns);

        Assert.Equal("deployment.apps/web scaled\n", result.Output);
    }

    [Fact]
    public async Task ScaleDeployment_WithAMismatchedCurrentReplicas_IsRefused()
    {
        var ns = await SeedAsync("scale-current-mismatch");

        var result = await fixture.Kubectl.RunAsync("scale", "deploy", "web", "--current-replicas=1", "--replicas=5", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: Expected replicas to be 1, was 2\n", result.Error);
        var replicas = (await fixture.Kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}")).EnsureSuccess();
        Assert.Equal("2", replicas.Output);
    }

    [Fact]
    public async Task ScaleDeployment_ToANegativeCount_IsRefusedByKubectl()
    {
        var ns = await SeedAsync("scale-negative");

        var result = await fixture.Kubectl.RunAsync("scale", "deploy", "web", "--replicas=-1", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n", result.Error);
    }

    [Fact]
    public async Task Scale_AMissingDeployment_PrintsNotFound()
    {
        var ns = await SeedAsync("scale-missing");

        var result = await fixture.Kubectl.RunAsync("scale", "deploy", "ghost", "--replicas=1", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: no objects passed to scale deployments.apps \"ghost\" not found\n", result.Error);
    }

    [Fact]
    public async Task ScaleDeployment_ShowsInGetAndDescribe()
    {
        var ns = await SeedAsync("scale-describe");

        (await fixture.Kubectl.RunAsync("scale", "deploy", "web", "--replicas=4", "-n", ns)).EnsureSuccess();

        var describe = (await fixture.Kubectl.RunAsync("describe", "deploy", "web", "-n", ns)).EnsureSuccess();
        Assert.Matches(@"(?m)^Replicas:\s+4 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$", describe.Output);
    }

    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        var path = _manifests.Write(ns + ".yaml", """
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
                  - name: c
                    image: nginx
            """);
        (await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns)).EnsureSuccess();
        return ns;
    }
}
