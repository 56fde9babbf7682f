namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl delete</c> by name, file, label selector and <c>--all</c>.</summary>
public sealed class KubectlDeleteTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task DeleteByName_AnUnscheduledPod_IsGoneWhenKubectlReturns()
    {
        var ns = await SeedAsync("delete-pod");

        var result = await fixture.Kubectl.RunAsync("delete", "pod", "web-1", "-n", ns);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pod \"web-1\" deleted\n", result.Output);
        var get = await fixture.Kubectl.RunAsync("get", "pod", "web-1", "-n", ns);
        Assert.Equal("Error from server (NotFound): pods \"web-1\" not found\n", get.Error);
    }

    [Fact]
    public async Task DeleteByName_SeveralKinds_PrintsOneLinePerObject()
    {
        var ns = await SeedAsync("delete-kinds");

        var result = await fixture.Kubectl.RunAsync("delete", "cm/one", "svc/web", "deploy/web", "secret/token", "-n", ns);

        Assert.Equal("configmap \"one\" deleted\nservice \"web\" deleted\ndeployment.apps \"web\" deleted\nsecret \"token\" deleted\n", result.Output);
    }

    [Fact]
    public async Task DeleteFile_DeletesEveryObjectInTheFile()
    {
        var ns = await SeedAsync("delete-file");

        var result = await fixture.Kubectl.RunAsync("delete", "-f", SeedPath(ns), "-n", ns);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("configmap \"one\" deleted\nconfigmap \"two\" deleted\nsecret \"token\" deleted\npod \"web-1\" deleted\npod \"web-2\" deleted\nservice \"web\" deleted\ndeployment.apps \"web\" deleted\n", result.Output);
        var left = await fixture.Kubectl.RunAsync("get", "cm,secret,pods,svc,deploy", "-n", ns);
        Assert.Equal($"No resources found in {ns} namespace.\n", left.Error);
    }

    [Fact]
    public async Task DeleteByLabel_DeletesOnlyTheMatchingObjects()
    {
        var ns = await SeedAsync("delete-label");

        var result = await fixture.Kubectl.RunAsync("delete", "cm", "-l", "keep!=yes", "-n", ns);

        Assert.Equal("configmap \"one\" deleted\n", result.Output);
        var left = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-o", "name")).EnsureSuccess();
        Assert.Equal("configmap/two\n", left.Output);
    }

    [Fact]
    public async Task DeleteAll_DeletesEveryPodInTheNamespaceOnly()
    {
        var ns = await SeedAsync("delete-all");
        var other = await SeedAsync("delete-all-other");

        var result = await fixture.Kubectl.RunAsync("delete", "pods", "--all", "-n", ns);

        Assert.Equal("pod \"web-1\" deleted\npod \"web-2\" deleted\n", result.Output);
        var left = (await fixture.Kubectl.RunAsync("get", "pods", "-n", other, "-o", "name")).EnsureSuccess();
        Assert.Equal("pod/web-1\npod/web-2\n", left.Output);
    }

    [Fact]
    public async Task Delete_AMissingObject_PrintsNotFound_UnlessIgnoreNotFound()
    {
        var ns = await SeedAsync("delete-missing");

        var missing = await fixture.Kubectl.RunAsync("delete", "pod", "ghost", "-n", ns);
        var ignored = await fixture.Kubectl.RunAsync("delete", "pod", "ghost", "-n", ns, "--ignore-not-found");

        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("Error from server (NotFound): pods \"ghost\" not found\n", missing.Error);
        Assert.Equal(0, ignored.ExitCode);
        Assert.Equal("", ignored.Output + ignored.Error);
    }

    [Fact]
    public async Task Delete_WithNoMatches_SaysNoResourcesFound()
    {
        var ns = await SeedAsync("delete-no-match");

        var result = await fixture.Kubectl.RunAsync("delete", "pods", "-l", "app=nothing", "-n", ns);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No resources found\n", result.Output);
    }

    [Fact]
    public async Task DeleteForce_WithGracePeriodZero_WarnsAndSaysForceDeleted()
    {
        var ns = await SeedAsync("delete-force");

        var result = await fixture.Kubectl.RunAsync("delete", "pod", "web-1", "-n", ns, "--force", "--grace-period=0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pod \"web-1\" force deleted\n", result.Output);
        Assert.StartsWith("Warning: Immediate deletion does not wait for confirmation", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteDryRunServer_KeepsTheObject()
    {
        var ns = await SeedAsync("delete-dry-run");

        var result = await fixture.Kubectl.RunAsync("delete", "cm", "one", "-n", ns, "--dry-run=server");

        Assert.Equal("configmap \"one\" deleted (server dry run)\n", result.Output);
        (await fixture.Kubectl.RunAsync("get", "cm", "one", "-n", ns)).EnsureSuccess();
    }

    [Fact]
    public async Task DeleteNamespace_ByFile_Succeeds()
    {
        var path = _manifests.Write("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: delete-ns-file\n");
        (await fixture.Kubectl.RunAsync("create", "-f", path)).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("delete", "-f", path);

        Assert.Equal("namespace \"delete-ns-file\" deleted\n", result.Output);
    }

    private string SeedPath(string ns) => _manifests.Write(ns + ".yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: one
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: two
          labels: {keep: "yes"}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: token
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          labels: {app: web}
        spec:
          containers:
          - name: c
            image: nginx
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-2
          labels: {app: web}
        spec:
          containers:
          - name: c
            image: nginx
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          ports:
          - port: 80
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
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

    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        (await fixture.Kubectl.RunAsync("create", "-f", SeedPath(ns), "-n", ns)).EnsureSuccess();
        return ns;
    }
}
