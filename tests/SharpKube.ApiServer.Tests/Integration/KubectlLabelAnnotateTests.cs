namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl label</c> and <c>kubectl annotate</c>: add, overwrite, remove.</summary>
public sealed class KubectlLabelAnnotateTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task Label_AddsALabel()
    {
        var ns = await SeedAsync("label-add");

        var result = await fixture.Kubectl.RunAsync("label", "pod", "web", "tier=fe", "-n", ns);

        Assert.Equal("pod/web labeled\n", result.Output);
        Assert.Equal("app=web,tier=fe", await LabelsAsync(ns, "pod", "web"));
    }

    [Fact]
    public async Task Label_AnExistingKeyWithoutOverwrite_IsRefused()
    {
        var ns = await SeedAsync("label-no-overwrite");

        var result = await fixture.Kubectl.RunAsync("label", "pod", "web", "app=api", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: 'app' already has a value (web), and --overwrite is false\n", result.Error);
        Assert.Equal("app=web", await LabelsAsync(ns, "pod", "web"));
    }

    [Fact]
    public async Task Label_WithOverwrite_ReplacesTheValue()
    {
        var ns = await SeedAsync("label-overwrite");

        var result = await fixture.Kubectl.RunAsync("label", "pod", "web", "app=api", "--overwrite", "-n", ns);

        Assert.Equal("pod/web labeled\n", result.Output);
        Assert.Equal("app=api", await LabelsAsync(ns, "pod", "web"));
    }

    [Fact]
    public async Task Label_WithKeyDash_RemovesTheLabel()
    {
        var ns = await SeedAsync("label-remove");

        var result = await fixture.Kubectl.RunAsync("label", "pod", "web", "app-", "-n", ns);

        Assert.Equal("pod/web unlabeled\n", result.Output);
        Assert.Equal("<none>", await LabelsAsync(ns, "pod", "web"));
    }

    [Fact]
    public async Task Label_TheSameValueAgain_SaysNotLabeled()
    {
        var ns = await SeedAsync("label-same");

        var result = await fixture.Kubectl.RunAsync("label", "pod", "web", "app=web", "--overwrite", "-n", ns);

        Assert.Equal("pod/web not labeled\n", result.Output);
    }

    [Fact]
    public async Task Label_AllConfigMapsBySelector_LabelsEachOne()
    {
        var ns = await SeedAsync("label-selector");

        var result = await fixture.Kubectl.RunAsync("label", "cm", "-l", "group=a", "done=true", "-n", ns);

        Assert.Equal("configmap/a1 labeled\nconfigmap/a2 labeled\n", result.Output);
        Assert.Equal("configmap/a1\nconfigmap/a2\n", (await fixture.Kubectl.RunAsync("get", "cm", "-l", "done=true", "-n", ns, "-o", "name")).EnsureSuccess().Output);
    }

    [Fact]
    public async Task Annotate_AddsOverwritesAndRemoves()
    {
        var ns = await SeedAsync("annotate");

        var added = await fixture.Kubectl.RunAsync("annotate", "svc", "web", "note=first", "-n", ns);
        var refused = await fixture.Kubectl.RunAsync("annotate", "svc", "web", "note=second", "-n", ns);
        var overwritten = await fixture.Kubectl.RunAsync("annotate", "svc", "web", "note=second", "--overwrite", "-n", ns);
        var value = (await fixture.Kubectl.RunAsync("get", "svc", "web", "-n", ns, "-o", "jsonpath={.metadata.annotations.note}")).EnsureSuccess().Output;
        var removed = await fixture.Kubectl.RunAsync("annotate", "svc", "web", "note-", "-n", ns);
        var after = (await fixture.Kubectl.RunAsync("get", "svc", "web", "-n", ns, "-o", "jsonpath={.metadata.annotations}")).EnsureSuccess().Output;

        Assert.Equal("service/web annotated\n", added.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (first)\n", refused.Error);
        Assert.Equal("service/web annotated\n", overwritten.Output);
        Assert.Equal("second", value);
        Assert.Equal("service/web annotated\n", removed.Output);
        Assert.Equal("", after);
    }

    [Fact]
    public async Task LabelAndAnnotate_ADeployment_OnlyTheAnnotationBumpsGeneration()
    {
        // Upstream counts deployment annotations as generation changes (they are copied to the ReplicaSets); labels are not.
        var ns = await SeedAsync("annotate-generation");

        (await fixture.Kubectl.RunAsync("label", "deploy", "web", "tier=fe", "-n", ns)).EnsureSuccess();
        var afterLabel = (await fixture.Kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.metadata.generation}")).EnsureSuccess().Output;
        (await fixture.Kubectl.RunAsync("annotate", "deploy", "web", "owner=team", "-n", ns)).EnsureSuccess();
        var afterAnnotation = (await fixture.Kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.metadata.generation}")).EnsureSuccess().Output;

        Assert.Equal("1", afterLabel);
        Assert.Equal("2", afterAnnotation);
    }

    [Fact]
    public async Task Label_RemovingAMissingKey_SaysNotFound_AndNotLabeled()
    {
        var ns = await SeedAsync("label-remove-missing");

        var before = await KubectlLiveObject.GetAsync(fixture.Kubectl, ns, "pod/web");

        var result = await fixture.Kubectl.RunAsync("label", "pod/web", "nothere-", "-n", ns);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("label \"nothere\" not found.\npod/web not labeled\n", result.Output);
        KubectlLiveObject.AssertSame(before, await KubectlLiveObject.GetAsync(fixture.Kubectl, ns, "pod/web"));
    }

    [Fact]
    public async Task Label_WithAStaleResourceVersion_IsAConflict_AndChangesNothing()
    {
        // --resource-version puts metadata.resourceVersion in the merge patch, which the server treats as a precondition.
        var ns = await SeedAsync("label-stale-rv");
        var rv = (await fixture.Kubectl.RunAsync("get", "cm", "a1", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}")).EnsureSuccess().Output;
        (await fixture.Kubectl.RunAsync("label", "cm", "a1", "first=yes", "--resource-version", rv, "-n", ns)).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("label", "cm", "a1", "second=yes", "--resource-version", rv, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error from server (Conflict): Operation cannot be fulfilled on configmaps \"a1\": the object has been modified; please apply your changes to the latest version and try again\n",
            result.Error);
        Assert.Equal("first=yes,group=a", await LabelsAsync(ns, "cm", "a1"));
    }

    [Fact]
    public async Task Label_WithAnInvalidKey_IsRefusedByTheServer_WithUpstreamsMessage()
    {
        // kubectl checks label values itself but leaves keys to the server.
        var ns = await SeedAsync("label-invalid-key");

        var result = await fixture.Kubectl.RunAsync("label", "cm", "a1", "bad key=1", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "The ConfigMap \"a1\" is invalid: metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n",
            result.Error);
        Assert.Equal("group=a", await LabelsAsync(ns, "cm", "a1"));
    }

    [Fact]
    public async Task Annotate_SeveralKeys_AddsAndRemovesThemInOneCommand()
    {
        var ns = await SeedAsync("annotate-several");

        var added = await fixture.Kubectl.RunAsync("annotate", "cm", "a1", "one=1", "two=2", "three=3", "-n", ns);
        var removed = await fixture.Kubectl.RunAsync("annotate", "cm", "a1", "one-", "three-", "-n", ns);

        Assert.Equal("configmap/a1 annotated\n", added.Output);
        Assert.Equal("configmap/a1 annotated\n", removed.Output);
        var annotations = (await fixture.Kubectl.RunAsync("get", "cm", "a1", "-n", ns, "-o", "jsonpath={.metadata.annotations}")).EnsureSuccess().Output;
        Assert.Equal("{\"two\":\"2\"}", annotations);
    }

    private async Task<string> LabelsAsync(string ns, string kind, string name)
    {
        var table = KubectlTable.Parse((await fixture.Kubectl.RunAsync("get", kind, name, "-n", ns, "--show-labels")).EnsureSuccess().Output);
        return table.Row(name)["LABELS"];
    }

    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        var path = _manifests.Write(ns + ".yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: {app: web}
            spec:
              containers:
              - name: c
                image: nginx
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a1
              labels: {group: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a2
              labels: {group: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: b1
              labels: {group: b}
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
        (await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns)).EnsureSuccess();
        return ns;
    }
}
