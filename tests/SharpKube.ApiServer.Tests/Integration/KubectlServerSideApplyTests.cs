using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl apply --server-side</c>: create, update, conflicts with other managers, force, and the upgrade from client-side apply.</summary>
public sealed class KubectlServerSideApplyTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task ApplyServerSide_CreatesTheObject_OwnedByKubectl()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "ssa-create");

        var result = await fixture.Kubectl.RunAsync("apply", "--server-side", "-n", ns, "-f", Manifest(ns, "create"));

        Assert.Equal("deployment.apps/web serverside-applied\n", result.EnsureSuccess().Output);
        var live = await GetAsync(ns);
        var entry = Assert.Single(live["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal(("kubectl", "Apply", "apps/v1", "FieldsV1"),
            ((string?)entry["manager"], (string?)entry["operation"], (string?)entry["apiVersion"], (string?)entry["fieldsType"]));
        Assert.Equal("""{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}""",
            entry["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"app\"}"]!.ToJsonString(Relaxed));
        Assert.Equal(600, (int?)live["spec"]!["progressDeadlineSeconds"]);
    }

    [Fact]
    public async Task ApplyServerSide_Again_ChangesWhatChanged_AndRemovesWhatTheFileDropped()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "ssa-update");
        (await fixture.Kubectl.RunAsync("apply", "--server-side", "-n", ns, "-f", Manifest(ns, "v1", env: "[{name: MODE, value: fast}]"))).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("apply", "--server-side", "-n", ns, "-f", Manifest(ns, "v2", image: "nginx:1.28"));

        Assert.Equal("deployment.apps/web serverside-applied\n", result.EnsureSuccess().Output);
        var container = (await GetAsync(ns))["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.28", (string?)container["image"]);
        Assert.Null(container["env"]);
        Assert.Equal(2L, (long?)(await GetAsync(ns))["metadata"]!["generation"]);
    }

    [Fact]
    public async Task ApplyServerSide_ChangingAFieldKubectlEditOwns_IsAConflict_UntilForced()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "ssa-conflict");
        (await fixture.Kubectl.RunAsync("apply", "--server-side", "-n", ns, "-f", Manifest(ns, "v1"))).EnsureSuccess();
        var editor = _manifests.Write(ns + "-editor.sh", "#!/bin/sh\nsed -i 's/replicas: 2/replicas: 5/' \"$1\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        (await fixture.Kubectl.RunWithEnvironmentAsync(new Dictionary<string, string> { ["EDITOR"] = editor }, "edit", "deploy/web", "-n", ns)).EnsureSuccess();

        var conflict = await fixture.Kubectl.RunAsync("apply", "--server-side", "-n", ns, "-f", Manifest(ns, "v2", replicas: 3));

        Assert.NotEqual(0, conflict.ExitCode);
        Assert.StartsWith("error: Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas\n"
            + "Please review the fields above--they currently have other managers.", conflict.Error, StringComparison.Ordinal);
        Assert.Equal(5, (int?)(await GetAsync(ns))["spec"]!["replicas"]);

        var forced = await fixture.Kubectl.RunAsync("apply", "--server-side", "--force-conflicts", "-n", ns, "-f", Manifest(ns, "v2", replicas: 3));

        Assert.Equal("deployment.apps/web serverside-applied\n", forced.EnsureSuccess().Output);
        var live = await GetAsync(ns);
        Assert.Equal(3, (int?)live["spec"]!["replicas"]);
        Assert.Equal(["kubectl/Apply"], Managers(live));
    }

    [Fact]
    public async Task ApplyServerSide_DryRun_ChangesNothing()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "ssa-dry-run");
        (await fixture.Kubectl.RunAsync("apply", "--server-side", "-n", ns, "-f", Manifest(ns, "v1"))).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("apply", "--server-side", "--dry-run=server", "-n", ns, "-f", Manifest(ns, "v2", image: "busybox"));

        Assert.Equal("deployment.apps/web serverside-applied (server dry run)\n", result.EnsureSuccess().Output);
        Assert.Equal("nginx:1.27", (string?)(await GetAsync(ns))["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        var diff = await fixture.Kubectl.RunAsync("diff", "--server-side", "-n", ns, "-f", Manifest(ns, "v3", image: "busybox"));
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("+      - image: busybox", diff.Output, StringComparison.Ordinal);
        Assert.Contains("-      - image: nginx:1.27", diff.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientSideApplied_ThenServerSide_UpgradesOwnershipToKubectl()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "ssa-upgrade");
        (await fixture.Kubectl.RunAsync("apply", "-n", ns, "-f", Manifest(ns, "v1"))).EnsureSuccess();
        Assert.Equal(["kubectl-client-side-apply/Update"], Managers(await GetAsync(ns)));

        var result = await fixture.Kubectl.RunAsync("apply", "--server-side", "-n", ns, "-f", Manifest(ns, "v2", image: "nginx:1.28"));

        Assert.Equal("deployment.apps/web serverside-applied\n", result.EnsureSuccess().Output);
        var live = await GetAsync(ns);
        Assert.Equal("nginx:1.28", (string?)live["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.DoesNotContain("kubectl-client-side-apply/Update", Managers(live));
        Assert.Contains("kubectl/Apply", Managers(live));
        var lastApplied = (string)live["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!;
        Assert.Contains("nginx:1.28", lastApplied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAndLabel_RecordUpdateEntriesPerManager()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "ssa-update-entries");
        (await fixture.Kubectl.RunAsync("create", "-n", ns, "-f", Manifest(ns, "v1"))).EnsureSuccess();
        (await fixture.Kubectl.RunAsync("label", "-n", ns, "deploy/web", "tier=front")).EnsureSuccess();

        var live = await GetAsync(ns);

        Assert.Equal(["kubectl-create/Update", "kubectl-label/Update"], Managers(live));
        var label = live["metadata"]!["managedFields"]!.AsArray().Single(e => (string?)e!["manager"] == "kubectl-label")!;
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:tier":{}}}}""", label["fieldsV1"]!.ToJsonString());
        var conflict = await fixture.Kubectl.RunAsync("apply", "--server-side", "-n", ns, "-f", Manifest(ns, "v2", image: "busybox"));
        Assert.Contains("conflict with \"kubectl-create\" using apps/v1: .spec.template.spec.containers[name=\"app\"].image",
            conflict.Error, StringComparison.Ordinal);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private async Task<JsonObject> GetAsync(string ns) =>
        (JsonObject)JsonNode.Parse((await fixture.Kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "json", "--show-managed-fields"))
            .EnsureSuccess().Output)!;

    private static List<string> Managers(JsonObject obj) =>
        obj["metadata"]!["managedFields"]?.AsArray().Select(e => $"{e!["manager"]}/{e["operation"]}").ToList() ?? [];

    private string Manifest(string ns, string version, string image = "nginx:1.27", int replicas = 2, string? env = null)
    {
        var envLine = env is null ? "" : "        env: " + env;
        return _manifests.Write($"{ns}-{version}.yaml", $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: {{{replicas}}}
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: app
                    image: {{{image}}}
                    ports: [{containerPort: 80}]
            {{{envLine}}}
            """);
    }
}
