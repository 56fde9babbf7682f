using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl replace -f</c>, with and without a resourceVersion in the file.</summary>
public sealed class KubectlReplaceTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task ReplaceFile_WithoutResourceVersion_ReplacesTheLatest()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "replace-latest");
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write("v1.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels: {v: one}\ndata:\n  a: one\n"), "-n", ns)).EnsureSuccess();
        var path = _manifests.Write("v2.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: two\n");

        var result = await fixture.Kubectl.RunAsync("replace", "-f", path, "-n", ns);

        Assert.Equal("configmap/cfg replaced\n", result.Output);
        var read = (await fixture.Kubectl.RunAsync("get", "cm", "cfg", "-n", ns, "-o", "jsonpath={.data.a} {.metadata.labels}")).EnsureSuccess();
        Assert.Equal("two ", read.Output);
    }

    [Fact]
    public async Task ReplaceFile_WithTheCurrentResourceVersion_Succeeds()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "replace-current-rv");
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write("v1.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: one\n"), "-n", ns)).EnsureSuccess();
        var rv = (await fixture.Kubectl.RunAsync("get", "cm", "cfg", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}")).EnsureSuccess().Output;
        var path = _manifests.Write("v2.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  resourceVersion: \"{rv}\"\ndata:\n  a: two\n");

        var result = await fixture.Kubectl.RunAsync("replace", "-f", path, "-n", ns);

        Assert.Equal("configmap/cfg replaced\n", result.Output);
        var newRv = (await fixture.Kubectl.RunAsync("get", "cm", "cfg", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}")).EnsureSuccess().Output;
        Assert.True(long.Parse(newRv, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(rv, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReplaceFile_WithAStaleResourceVersion_PrintsConflict()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "replace-stale");
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write("v1.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: one\n"), "-n", ns)).EnsureSuccess();
        var rv = (await fixture.Kubectl.RunAsync("get", "cm", "cfg", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}")).EnsureSuccess().Output;
        (await fixture.Kubectl.RunAsync("label", "cm", "cfg", "-n", ns, "changed=yes")).EnsureSuccess();
        var path = _manifests.Write("stale.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  resourceVersion: \"{rv}\"\ndata:\n  a: two\n");

        var result = await fixture.Kubectl.RunAsync("replace", "-f", path, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"Error from server (Conflict): error when replacing \"{path}\": Operation cannot be fulfilled on configmaps \"cfg\": the object has been modified; please apply your changes to the latest version and try again\n", result.Error);
    }

    [Fact]
    public async Task ReplaceFile_WhenTheObjectIsMissing_PrintsNotFound()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "replace-missing");
        var path = _manifests.Write("missing.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ghost\n");

        var result = await fixture.Kubectl.RunAsync("replace", "-f", path, "-n", ns);

        Assert.Equal($"Error from server (NotFound): error when replacing \"{path}\": configmaps \"ghost\" not found\n", result.Error);
    }

    [Fact]
    public async Task ReplaceFile_ChangingTheDeploymentSpec_BumpsGeneration_ButALabelChangeDoesNot()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "replace-generation");
        const string Template = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {LABELS}
            spec:
              replicas: REPLICAS
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: c
                    image: nginx
            """;
        string Manifest(string labels, int replicas) => Template.Replace("LABELS", labels, StringComparison.Ordinal).Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write("d1.yaml", Manifest("a: one", 1)), "-n", ns)).EnsureSuccess();

        (await fixture.Kubectl.RunAsync("replace", "-f", _manifests.Write("d2.yaml", Manifest("a: two", 1)), "-n", ns)).EnsureSuccess();
        var afterLabel = await GenerationAsync(ns);
        (await fixture.Kubectl.RunAsync("replace", "-f", _manifests.Write("d3.yaml", Manifest("a: two", 3)), "-n", ns)).EnsureSuccess();
        var afterSpec = await GenerationAsync(ns);

        Assert.Equal(1, afterLabel);
        Assert.Equal(2, afterSpec);
    }

    [Fact]
    public async Task ReplaceFile_APodWithAChangedImage_IsAllowed_ButAChangedRestartPolicyIsInvalid()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "replace-pod");
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write("p1.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.26\n"), "-n", ns)).EnsureSuccess();

        var image = await fixture.Kubectl.RunAsync("replace", "-f", _manifests.Write("p2.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n"), "-n", ns);
        var policy = await fixture.Kubectl.RunAsync("replace", "-f", _manifests.Write("p3.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: nginx:1.27\n"), "-n", ns);

        Assert.Equal("pod/p replaced\n", image.Output);
        Assert.Equal(1, policy.ExitCode);
        Assert.StartsWith("The Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields other than", policy.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceFile_AServiceWithoutClusterIp_KeepsTheAllocatedIp()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "replace-svc");
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write("s1.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n"), "-n", ns)).EnsureSuccess();
        var ip = (await fixture.Kubectl.RunAsync("get", "svc", "s", "-n", ns, "-o", "jsonpath={.spec.clusterIP}")).EnsureSuccess().Output;

        var result = await fixture.Kubectl.RunAsync("replace", "-f", _manifests.Write("s2.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 81\n"), "-n", ns);

        Assert.Equal("service/s replaced\n", result.Output);
        var after = (await fixture.Kubectl.RunAsync("get", "svc", "s", "-n", ns, "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].port}")).EnsureSuccess().Output;
        Assert.Equal($"{ip} 81", after);
    }

    private async Task<long> GenerationAsync(string ns)
    {
        var json = (await fixture.Kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "json")).EnsureSuccess().Output;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("metadata").GetProperty("generation").GetInt64();
    }
}
