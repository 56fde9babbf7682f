using System.Net;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl patch --type json|merge</c> and the JSON Patch bodies kubectl sends by itself.</summary>
public sealed class JsonPatchTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PatchJson_AddingALabel_AddsIt()
    {
        var ns = await SeedAsync("jsonpatch-label");

        var result = await fixture.Kubectl.RunAsync("patch", "deploy", "web", "-n", ns, "--type", "json",
            "-p", """[{"op":"add","path":"/metadata/labels/tier","value":"fe"}]""");

        Assert.Equal("deployment.apps/web patched\n", result.EnsureSuccess().Output);
        Assert.Equal("web fe", await JsonPathAsync(ns, "deploy", "web", "{.metadata.labels.app} {.metadata.labels.tier}"));
    }

    [Fact]
    public async Task PatchJson_ReplacingTheImage_ChangesItAndBumpsGeneration()
    {
        var ns = await SeedAsync("jsonpatch-image");

        var result = await fixture.Kubectl.RunAsync("patch", "deploy", "web", "-n", ns, "--type", "json",
            "-p", """[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"}]""");

        Assert.Equal("deployment.apps/web patched\n", result.EnsureSuccess().Output);
        Assert.Equal("nginx:1.27 2", await JsonPathAsync(ns, "deploy", "web", "{.spec.template.spec.containers[0].image} {.metadata.generation}"));
    }

    [Fact]
    public async Task PatchJson_RemovingAField_RemovesIt()
    {
        var ns = await SeedAsync("jsonpatch-remove");

        var result = await fixture.Kubectl.RunAsync("patch", "cm", "settings", "-n", ns, "--type", "json",
            "-p", """[{"op":"remove","path":"/data/b"}]""");

        Assert.Equal("configmap/settings patched\n", result.EnsureSuccess().Output);
        Assert.Equal("""{"a":"1"}""", await JsonPathAsync(ns, "cm", "settings", "{.data}"));
    }

    [Fact]
    public async Task PatchMerge_SetsAndRemovesKeys()
    {
        var ns = await SeedAsync("mergepatch");

        var result = await fixture.Kubectl.RunAsync("patch", "cm", "settings", "-n", ns, "--type", "merge",
            "-p", """{"data":{"a":"2","b":null}}""");

        Assert.Equal("configmap/settings patched\n", result.EnsureSuccess().Output);
        Assert.Equal("""{"a":"2"}""", await JsonPathAsync(ns, "cm", "settings", "{.data}"));
    }

    [Fact]
    public async Task PatchJson_ThatChangesNothing_SaysNoChange()
    {
        var ns = await SeedAsync("jsonpatch-nochange");

        var result = await fixture.Kubectl.RunAsync("patch", "cm", "settings", "-n", ns, "--type", "json",
            "-p", """[{"op":"replace","path":"/data/a","value":"1"}]""");

        Assert.Equal("configmap/settings patched (no change)\n", result.EnsureSuccess().Output);
    }

    [Fact]
    public async Task PatchJson_WithAFailingTest_IsInvalidAndChangesNothing()
    {
        var ns = await SeedAsync("jsonpatch-test-fails");
        var before = await JsonPathAsync(ns, "cm", "settings", "{.metadata.resourceVersion}");

        var result = await fixture.Kubectl.RunAsync("patch", "cm", "settings", "-n", ns, "--type", "json",
            "-p", """[{"op":"test","path":"/data/a","value":"9"},{"op":"replace","path":"/data/a","value":"2"}]""");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("The request is invalid: the server rejected our request due to an error in our request\n", result.Error);
        Assert.Equal(before + " 1", await JsonPathAsync(ns, "cm", "settings", "{.metadata.resourceVersion} {.data.a}"));
    }

    [Fact]
    public async Task PatchJson_OnAMissingPath_IsInvalid()
    {
        var ns = await SeedAsync("jsonpatch-missing-path");

        var result = await fixture.Kubectl.RunAsync("patch", "cm", "settings", "-n", ns, "--type", "json",
            "-p", """[{"op":"remove","path":"/data/nope"}]""");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("The request is invalid: the server rejected our request due to an error in our request\n", result.Error);
    }

    [Fact]
    public async Task PatchJson_ReplacingResourceVersionWithAStaleOne_IsAConflict()
    {
        var ns = await SeedAsync("jsonpatch-stale-rv");
        var stale = await JsonPathAsync(ns, "cm", "settings", "{.metadata.resourceVersion}");
        (await fixture.Kubectl.RunAsync("label", "cm", "settings", "-n", ns, "moved=on")).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("patch", "cm", "settings", "-n", ns, "--type", "json",
            "-p", $$$"""[{"op":"replace","path":"/data/a","value":"2"},{"op":"replace","path":"/metadata/resourceVersion","value":"{{{stale}}}"}]""");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (Conflict): Operation cannot be fulfilled on configmaps \"settings\": the object has been modified; "
            + "please apply your changes to the latest version and try again\n", result.Error);
        Assert.Equal("1", await JsonPathAsync(ns, "cm", "settings", "{.data.a}"));
    }

    [Fact]
    public async Task PatchJson_ReplacingResourceVersionWithTheCurrentOne_Applies()
    {
        var ns = await SeedAsync("jsonpatch-current-rv");
        var current = await JsonPathAsync(ns, "cm", "settings", "{.metadata.resourceVersion}");

        var result = await fixture.Kubectl.RunAsync("patch", "cm", "settings", "-n", ns, "--type", "json",
            "-p", $$$"""[{"op":"replace","path":"/data/a","value":"2"},{"op":"replace","path":"/metadata/resourceVersion","value":"{{{current}}}"}]""");

        result.EnsureSuccess();
        Assert.Equal("2", await JsonPathAsync(ns, "cm", "settings", "{.data.a}"));
    }

    [Fact]
    public async Task PatchJson_OnTheScaleSubresource_SetsReplicas()
    {
        var ns = await SeedAsync("jsonpatch-scale");

        var result = await fixture.Kubectl.RunAsync("patch", "deploy", "web", "-n", ns, "--subresource", "scale", "--type", "json",
            "-p", """[{"op":"replace","path":"/spec/replicas","value":4}]""");

        Assert.Equal("scale.autoscaling/web patched\n", result.EnsureSuccess().Output);
        Assert.Equal("4", await JsonPathAsync(ns, "deploy", "web", "{.spec.replicas}"));
    }

    [Fact]
    public async Task RolloutUndoBody_ReplacesTheTemplateAndAnnotations()
    {
        var ns = await SeedAsync("jsonpatch-undo");
        using var http = new ApiHttp(fixture.Server);
        // What kubectl rollout undo sends: the old ReplicaSet's template and the deployment's annotations, no fieldManager.
        const string body = """
            [{"op":"replace","path":"/spec/template","value":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx:1.25"}]}}},
             {"op":"replace","path":"/metadata/annotations","value":{"deployment.kubernetes.io/revision":"1","team":"blue"}}]
            """;

        var response = await http.SendBodyAsync(HttpMethod.Patch, $"/apis/apps/v1/namespaces/{ns}/deployments/web", body,
            "application/json-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("nginx:1.25", (string?)patched["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("""{"deployment.kubernetes.io/revision":"1","team":"blue"}""", patched["metadata"]!["annotations"]!.ToJsonString());
        Assert.Equal(2, (long?)patched["metadata"]!["generation"]);
        Assert.Equal("nginx:1.25", await JsonPathAsync(ns, "deploy", "web", "{.spec.template.spec.containers[0].image}"));
    }

    [Fact]
    public async Task ManagedFieldsUpgradePatch_StoresTheClientsManagedFields()
    {
        var ns = await SeedAsync("jsonpatch-managed-fields");
        var rv = await JsonPathAsync(ns, "cm", "settings", "{.metadata.resourceVersion}");
        using var http = new ApiHttp(fixture.Server);
        // Step 3 of kubectl's client-side to server-side apply upgrade.
        const string managedFields = """
            [{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:data":{"f:a":{},"f:b":{}},"f:metadata":{"f:annotations":{"f:kubectl.kubernetes.io/last-applied-configuration":{}}}}}]
            """;
        var body = $$$"""[{"op":"replace","path":"/metadata/managedFields","value":{{{managedFields}}}},{"op":"replace","path":"/metadata/resourceVersion","value":"{{{rv}}}"}]""";

        var response = await http.SendBodyAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/settings", body,
            "application/json-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await JsonPathAsync(ns, "cm", "settings", "{.metadata.managedFields}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(managedFields), JsonNode.Parse(stored)), stored);
        var stale = await http.SendBodyAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/settings", body,
            "application/json-patch+json");
        await StatusAssert.IsFailureAsync(stale, 409, "Conflict");
    }

    private async Task<string> JsonPathAsync(string ns, string kind, string name, string template) =>
        (await fixture.Kubectl.RunAsync("get", kind, name, "-n", ns, "-o", "jsonpath=" + template)).EnsureSuccess().Output;

    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        var path = _manifests.Write(ns + ".yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
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
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data: {a: "1", b: "2"}
            """);
        (await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns)).EnsureSuccess();
        return ns;
    }
}
