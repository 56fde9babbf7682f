using System.Text.Json.Nodes;
using static SharpKube.ApiServer.Tests.Integration.KubectlLiveObject;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// <c>kubectl patch</c> with each patch type (strategic, merge, json), server dry run, a failing JSON patch
/// <c>test</c>, and a missing object: what kubectl prints and what the object becomes.
/// </summary>
public sealed class KubectlPatchTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web, tier: frontend}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx:1.25
                env:
                - {name: A, value: "1"}
                - {name: B, value: "2"}
                - {name: C, value: "3"}
              - name: sidecar
                image: busybox:1.36
        """;

    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task PatchStrategic_MergesAContainerByName_AndDeletesAnEnvEntry()
    {
        var ns = await SeedAsync("patch-smp-container");

        var result = await PatchAsync(ns, "strategic",
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.27","env":[{"name":"B","$patch":"delete"},{"name":"D","value":"4"}]}]}}}}""");

        Assert.Equal("deployment.apps/web patched\n", result.Output);
        var containers = (await GetAsync(fixture.Kubectl, ns, "deploy/web"))["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["app:nginx:1.27", "sidecar:busybox:1.36"], containers.Select(c => $"{c!["name"]}:{c["image"]}"));
        // Upstream puts patch items (D) first, then the server's remaining items in their order.
        AssertJson("""[{"name":"D","value":"4"},{"name":"A","value":"1"},{"name":"C","value":"3"}]""", containers[0]!["env"]);
        Assert.Equal("IfNotPresent", containers[0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task PatchStrategic_WithRetainKeysOnTheStrategy_DropsTheDefaultedRollingUpdate()
    {
        var ns = await SeedAsync("patch-smp-retain-keys");

        var result = await PatchAsync(ns, "strategic", """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        Assert.Equal("deployment.apps/web patched\n", result.Output);
        AssertJson("""{"type":"Recreate"}""", (await GetAsync(fixture.Kubectl, ns, "deploy/web"))["spec"]!["strategy"]);
    }

    [Fact]
    public async Task PatchStrategic_ToRecreateWithoutRetainKeys_IsInvalid_BecauseRollingUpdateStays()
    {
        var ns = await SeedAsync("patch-smp-no-retain-keys");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");

        var result = await PatchAsync(ns, "strategic", """{"spec":{"strategy":{"type":"Recreate"}}}""");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'\n",
            result.Error);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task PatchMerge_ReplacesTheWholeContainerList_AndNullRemovesALabel()
    {
        var ns = await SeedAsync("patch-merge");

        var result = await PatchAsync(ns, "merge",
            """{"metadata":{"labels":{"tier":null,"track":"stable"}},"spec":{"template":{"spec":{"containers":[{"name":"only","image":"nginx:1.27"}]}}}}""");

        Assert.Equal("deployment.apps/web patched\n", result.Output);
        var live = await GetAsync(fixture.Kubectl, ns, "deploy/web");
        AssertJson("""{"app":"web","track":"stable"}""", live["metadata"]!["labels"]);
        AssertJson("""
            [{"image":"nginx:1.27","imagePullPolicy":"IfNotPresent","name":"only","resources":{},
              "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}]
            """, live["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public async Task PatchJson_AppliesTheOperationsInOrder()
    {
        var ns = await SeedAsync("patch-json");

        var result = await PatchAsync(ns, "json", """
            [{"op":"test","path":"/spec/replicas","value":2},
             {"op":"replace","path":"/spec/replicas","value":4},
             {"op":"add","path":"/spec/template/spec/containers/0/env/-","value":{"name":"D","value":"4"}},
             {"op":"remove","path":"/metadata/labels/tier"}]
            """);

        Assert.Equal("deployment.apps/web patched\n", result.Output);
        var live = await GetAsync(fixture.Kubectl, ns, "deploy/web");
        Assert.Equal(4, live["spec"]!["replicas"]!.GetValue<int>());
        AssertJson("""{"app":"web"}""", live["metadata"]!["labels"]);
        Assert.Equal(["A", "B", "C", "D"], live["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Select(e => e!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PatchJson_WithAFailingTestOperation_PrintsTheUpstreamError_AndChangesNothing()
    {
        var ns = await SeedAsync("patch-json-test-fails");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");

        var result = await PatchAsync(ns, "json",
            """[{"op":"test","path":"/spec/replicas","value":5},{"op":"replace","path":"/spec/replicas","value":9}]""");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("The request is invalid: the server rejected our request due to an error in our request\n", result.Error);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task PatchMerge_GivingReplicasAsText_IsAnInvalidPatch_AndChangesNothing()
    {
        var ns = await SeedAsync("patch-merge-wrong-type");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");

        var result = await PatchAsync(ns, "merge", """{"spec":{"replicas":"two"}}""");

        // Upstream names the whole patched object as the invalid value, then the JSON decoder's complaint.
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("The request is invalid: patch: Invalid value: \"{\\\"apiVersion\\\":\\\"apps/v1\\\",", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("\": json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n", result.Error, StringComparison.Ordinal);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task PatchStrategic_GivingALabelAsANumber_IsAnInvalidPatch_NamingThePatchAsAGoMap()
    {
        var ns = await SeedAsync("patch-smp-wrong-type");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");

        var result = await PatchAsync(ns, "strategic", """{"metadata":{"labels":{"tier":2}}}""");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("The request is invalid: patch: Invalid value: \"map[metadata:map[labels:map[tier:2]]]\": cannot convert int64 to string\n", result.Error);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task PatchStrategic_GivingReplicasAsAWholeFloat_StoresAnInteger()
    {
        // The converter behind strategic merge patch takes 3.0 for an int32; what is stored is the int32.
        var ns = await SeedAsync("patch-smp-whole-float");

        var result = await PatchAsync(ns, "strategic", """{"spec":{"replicas":3.0}}""");

        Assert.Equal("deployment.apps/web patched\n", result.Output);
        var raw = (await fixture.Kubectl.RunAsync("get", "--raw", $"/apis/apps/v1/namespaces/{ns}/deployments/web")).EnsureSuccess().Output;
        Assert.Contains("\"replicas\":3,", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("strategic", """{"spec":{"replicas":7}}""")]
    [InlineData("merge", """{"spec":{"replicas":7}}""")]
    [InlineData("json", """[{"op":"replace","path":"/spec/replicas","value":7}]""")]
    public async Task Patch_WithServerDryRun_ChangesNothing(string type, string patch)
    {
        var ns = await SeedAsync("patch-dry-run-" + type);
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");

        var result = await PatchAsync(ns, type, patch, "--dry-run=server", "-o", "json");

        // The answer is the object as it would be; the stored one is untouched.
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(7, JsonNode.Parse(result.Output)!["spec"]!["replicas"]!.GetValue<int>());
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task Patch_ThatChangesNothing_SaysNoChange_AndKeepsTheResourceVersion()
    {
        var ns = await SeedAsync("patch-no-change");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");

        var result = await PatchAsync(ns, "strategic", """{"spec":{"replicas":2}}""");

        Assert.Equal("deployment.apps/web patched (no change)\n", result.Output);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Theory]
    [InlineData("strategic", """{"spec":{"replicas":1}}""")]
    [InlineData("json", """[{"op":"replace","path":"/spec/replicas","value":1}]""")]
    public async Task Patch_AMissingObject_PrintsNotFound(string type, string patch)
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "patch-missing-" + type);

        var result = await fixture.Kubectl.RunAsync("patch", "deployment", "ghost", "-n", ns, "--type", type, "-p", patch);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (NotFound): deployments.apps \"ghost\" not found\n", result.Error);
    }

    private Task<KubectlResult> PatchAsync(string ns, string type, string patch, params string[] extra) =>
        fixture.Kubectl.RunAsync(["patch", "deployment", "web", "-n", ns, "--type", type, "-p", patch, .. extra]);

    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write(ns + ".yaml", Deployment), "-n", ns)).EnsureSuccess();
        return ns;
    }
}
