using System.Text.RegularExpressions;
using static SharpKube.ApiServer.Tests.Integration.KubectlLiveObject;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// <c>kubectl edit</c> with <c>EDITOR</c>/<c>KUBE_EDITOR</c> set to a shell script that edits the file in place: the
/// strategic merge patch kubectl computes is applied, an invalid edit is refused with upstream's causes (kubectl
/// reopens the file with them in its header), and an unchanged file cancels the edit.
/// </summary>
public sealed class KubectlEditTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx:1.25
              - name: sidecar
                image: busybox:1.36
        """;

    private readonly KubectlManifests _manifests = new(fixture.DataDir);
    private readonly string _scratch = Directory.CreateDirectory(Path.Combine(fixture.DataDir, "edit", Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task Edit_WithEditor_ChangingReplicasAndAnImage_MakesTheChangeLive()
    {
        var ns = await SeedAsync("edit-editor");
        var editor = Editor("s/replicas: 1$/replicas: 3/", "s/image: nginx:1.25/image: nginx:1.26/");

        var result = await EditAsync(new() { ["EDITOR"] = editor }, "deployment/web", ns);

        Assert.Equal("deployment.apps/web edited\n", result.Output);
        var live = await GetAsync(fixture.Kubectl, ns, "deploy/web");
        Assert.Equal(3, live["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, live["metadata"]!["generation"]!.GetValue<long>());
        var containers = live["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["app:nginx:1.26", "sidecar:busybox:1.36"], containers.Select(c => $"{c!["name"]}:{c["image"]}"));
        Assert.Equal("IfNotPresent", containers[0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Edit_WithKubeEditor_UsesItBeforeEditor()
    {
        var ns = await SeedAsync("edit-kube-editor");
        var editor = Editor("s/image: busybox:1.36/image: busybox:1.37/");

        var result = await EditAsync(new() { ["KUBE_EDITOR"] = editor, ["EDITOR"] = "/bin/false" }, "deployment/web", ns);

        Assert.Equal("deployment.apps/web edited\n", result.Output);
        var live = await GetAsync(fixture.Kubectl, ns, "deploy/web");
        Assert.Equal("busybox:1.37", live["spec"]!["template"]!["spec"]!["containers"]![1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Edit_MakingTheObjectInvalid_ReopensTheFileWithTheServersCauses_AndChangesNothing()
    {
        var ns = await SeedAsync("edit-invalid");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");
        // The second run (kubectl reopens the file with the errors) changes nothing, so kubectl gives up.
        var seen = Path.Combine(_scratch, "seen.yaml");
        var editor = Editor($"cat \"$1\" >> '{seen}'", "s/replicas: 1$/replicas: -3/", "s/image: nginx:1.25/image: \"\"/");

        var result = await EditAsync(new() { ["EDITOR"] = editor }, "deployment/web", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(new Regex(
            "^error: deployments.apps \"web\" is invalid\n"
            + $"A copy of your changes has been stored to \"{Regex.Escape(_scratch)}/kubectl[^/\"]*-edit-[0-9]+\\.yaml\"\n"
            + "error: Edit cancelled, no valid changes were saved.\n$"), result.Error);
        Assert.Contains(
            "# deployments.apps \"web\" was not valid:\n"
            + "# * spec.replicas: Invalid value: -3: must be greater than or equal to 0\n"
            + "# * spec.template.spec.containers[0].image: Required value\n",
            await File.ReadAllTextAsync(seen, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task Edit_TypingReplicasAsText_ReopensTheFileWithUpstreamsDecodeError_AndChangesNothing()
    {
        // The strategic merge patch itself merges the text; decoding the result into a Deployment refuses it.
        var ns = await SeedAsync("edit-wrong-type");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");
        var seen = Path.Combine(_scratch, "seen-type.yaml");
        var editor = Editor($"cat \"$1\" >> '{seen}'", "s/replicas: 1$/replicas: three/");

        var result = await EditAsync(new() { ["EDITOR"] = editor }, "deployment/web", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: deployments.apps \"web\" is invalid\n", result.Error, StringComparison.Ordinal);
        Assert.Contains(
            "# deployments.apps \"web\" was not valid:\n"
            + "# * patch: Invalid value: \"map[spec:map[replicas:three]]\": unrecognized type: int32\n",
            await File.ReadAllTextAsync(seen, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task Edit_ChangingNothing_IsCancelled_AndChangesNothing()
    {
        var ns = await SeedAsync("edit-nothing");
        var before = await GetAsync(fixture.Kubectl, ns, "deploy/web");

        var result = await EditAsync(new() { ["EDITOR"] = Editor("s/no such text//") }, "deployment/web", ns);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("Edit cancelled, no changes made.\n", result.Error);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "deploy/web"));
    }

    [Fact]
    public async Task Edit_AConfigMapAsJson_RemovingAKey_RemovesItLive()
    {
        var ns = await SeedAsync("edit-json");
        var editor = Editor("/\"drop\": \"me\",/d");

        var result = await EditAsync(new() { ["EDITOR"] = editor }, "configmap/settings", ns, "-o", "json");

        // With -o json kubectl also prints the edited object in that format.
        Assert.Equal(0, result.ExitCode);
        AssertJson("""{"keep":"yes"}""", System.Text.Json.Nodes.JsonNode.Parse(result.Output)!["data"]);
        AssertJson("""{"keep":"yes"}""", (await GetAsync(fixture.Kubectl, ns, "cm/settings"))["data"]);
    }

    private Task<KubectlResult> EditAsync(Dictionary<string, string> environment, string target, string ns, params string[] extra)
    {
        // kubectl writes its temporary files (and the copy of a failed edit) under TMPDIR.
        environment["TMPDIR"] = _scratch;
        return fixture.Kubectl.RunWithEnvironmentAsync(environment, ["edit", target, "-n", ns, .. extra]);
    }

    /// <summary>Writes an executable editor script that runs each command (sed expressions are applied in place to "$1").</summary>
    private string Editor(params string[] commands)
    {
        var lines = commands.Select(c => c.StartsWith("cat ", StringComparison.Ordinal) ? c : $"sed -i -e '{c}' \"$1\"");
        var path = Path.Combine(_scratch, $"editor-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, "#!/bin/sh\nset -e\n" + string.Join('\n', lines) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        var configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  drop: me\n  keep: \"yes\"\n";
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write(ns + ".yaml", Deployment + "\n---\n" + configMap), "-n", ns)).EnsureSuccess();
        return ns;
    }
}
