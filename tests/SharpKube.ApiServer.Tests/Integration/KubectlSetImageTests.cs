using System.Text.Json.Nodes;
using static SharpKube.ApiServer.Tests.Integration.KubectlLiveObject;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl set image</c>: the strategic merge patch it sends for one container, for <c>*</c>, and for a pod.</summary>
public sealed class KubectlSetImageTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Manifest = """
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
              initContainers:
              - name: init
                image: busybox:1.36
              containers:
              - name: app
                image: nginx:1.26
                ports:
                - containerPort: 80
              - name: sidecar
                image: envoy:1.30
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: single
        spec:
          containers:
          - name: c
            image: nginx:1.26
        """;

    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task SetImage_OfOneContainer_ChangesOnlyThatContainer()
    {
        var ns = await SeedAsync("set-image-one");

        var result = await fixture.Kubectl.RunAsync("set", "image", "deployment/web", "app=nginx:1.27", "-n", ns);

        Assert.Equal("deployment.apps/web image updated\n", result.Output);
        var live = await GetAsync(fixture.Kubectl, ns, "deploy/web");
        Assert.Equal(["init=busybox:1.36", "app=nginx:1.27", "sidecar=envoy:1.30"], Images(live));
        Assert.Equal(2, live["metadata"]!["generation"]!.GetValue<long>());
        AssertJson("""[{"containerPort":80,"protocol":"TCP"}]""", live["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]);
    }

    [Fact]
    public async Task SetImage_WithAStar_ChangesEveryContainerAndInitContainer()
    {
        var ns = await SeedAsync("set-image-star");

        var result = await fixture.Kubectl.RunAsync("set", "image", "deployment/web", "*=registry.local/all:2", "-n", ns);

        Assert.Equal("deployment.apps/web image updated\n", result.Output);
        Assert.Equal(["init=registry.local/all:2", "app=registry.local/all:2", "sidecar=registry.local/all:2"],
            Images(await GetAsync(fixture.Kubectl, ns, "deploy/web")));
    }

    [Fact]
    public async Task SetImage_ToTheImageItAlreadyHas_SendsNothing_AndPrintsNothing()
    {
        var ns = await SeedAsync("set-image-same");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");

        var result = await fixture.Kubectl.RunAsync("set", "image", "deployment/web", "app=nginx:1.26", "-n", ns);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task SetImage_OfAnUnknownContainer_IsAnError_AndChangesNothing()
    {
        var ns = await SeedAsync("set-image-unknown");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");

        var result = await fixture.Kubectl.RunAsync("set", "image", "deployment/web", "nope=nginx:1.27", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: unable to find container named \"nope\"\n", result.Error);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task SetImage_OfAPod_UpdatesTheRunningPodsImage()
    {
        var ns = await SeedAsync("set-image-pod");

        var result = await fixture.Kubectl.RunAsync("set", "image", "pod/single", "c=nginx:1.27", "-n", ns);

        Assert.Equal("pod/single image updated\n", result.Output);
        var live = await GetAsync(fixture.Kubectl, ns, "pod/single");
        Assert.Equal("nginx:1.27", live["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    private static string[] Images(JsonObject deployment)
    {
        var spec = deployment["spec"]!["template"]!["spec"]!;
        return [.. spec["initContainers"]!.AsArray().Concat(spec["containers"]!.AsArray()).Select(c => $"{c!["name"]}={c["image"]}")];
    }

    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write(ns + ".yaml", Manifest), "-n", ns)).EnsureSuccess();
        return ns;
    }
}
