using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// kubectl's client-side apply builds its strategic merge patch from the served OpenAPI v3 schema once the PATCH
/// operation lists strategic merge patch: with the <c>x-kubernetes-patch-merge-key</c> of containers it sends
/// <c>$setElementOrder/containers</c> and only the changed container.
/// </summary>
public sealed class KubectlApplyMergeKeyTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task ReapplyingADeployment_WithOneImageChanged_SendsAPatchMergedByContainerName()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-merge-key");
        (await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("web-v1.yaml", Deployment("nginx:1.25")), "-n", ns)).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("web-v2.yaml", Deployment("nginx:1.26")), "-n", ns, "-v=8");

        result.EnsureSuccess();
        var patch = PatchBody(result.Error);
        var podSpec = patch["spec"]!["template"]!["spec"]!;
        Assert.Equal("""[{"name":"app"},{"name":"sidecar"}]""", podSpec["$setElementOrder/containers"]!.ToJsonString());
        // Merged by name, the patch names only the changed container; an atomic list would be sent whole.
        Assert.Equal("""[{"image":"nginx:1.26","name":"app"}]""", podSpec["containers"]!.ToJsonString());
        var images = (await fixture.Kubectl.RunAsync("get", "deploy", "web", "-n", ns,
            "-o", "jsonpath={.spec.template.spec.containers[*].image}")).EnsureSuccess();
        Assert.Equal("nginx:1.26 busybox:1.36", images.Output);
    }

    /// <summary>The body of the PATCH kubectl logged at -v=8: <c>"Request Body" body="&lt;quoted JSON&gt;"</c>.</summary>
    private static JsonNode PatchBody(string log)
    {
        var line = Assert.Single(log.Split('\n'), l => l.Contains("\"Request Body\"", StringComparison.Ordinal)
            && l.Contains("nginx:1.26", StringComparison.Ordinal));
        var quoted = line[(line.IndexOf("body=", StringComparison.Ordinal) + "body=".Length)..];
        return JsonNode.Parse(JsonSerializer.Deserialize<string>(quoted)!)!;
    }

    private static string Deployment(string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 0
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: app
                image: {image}
              - name: sidecar
                image: busybox:1.36
                command: ["sleep", "3600"]
        """;
}
