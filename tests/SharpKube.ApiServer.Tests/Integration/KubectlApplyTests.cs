using System.Text.Json.Nodes;
using static SharpKube.ApiServer.Tests.Integration.KubectlLiveObject;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// Client-side <c>kubectl apply -f</c>: create, the three-way strategic merge patch of a changed file, "unchanged" when
/// nothing changed, server dry run, and the last-applied annotation kept exactly as kubectl wrote it.
/// </summary>
public sealed class KubectlApplyTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    // The env value holds '&', which kubectl's JSON encoder writes as \u0026 in the annotation: the server must keep
    // the annotation's characters, not re-encode them.
    private const string First = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
            tier: frontend
            team: blue
        spec:
          replicas: 2
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
                image: nginx:1.25
                ports:
                - containerPort: 80
                - containerPort: 443
                env:
                - name: MODE
                  value: prod&safe
              - name: sidecar
                image: busybox:1.36
                command: ["sleep", "infinity"]
                ports:
                - name: metrics
                  containerPort: 9090
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          labels:
            app: web
        spec:
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: 80
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web-config
        data:
          color: blue
          size: large
        """;

    /// <summary>The first file with a new image, port 443 gone, a new env var, label team gone, data key size gone.</summary>
    private static readonly string Second = First
        .Replace("nginx:1.25", "nginx:1.26", StringComparison.Ordinal)
        .Replace("        - containerPort: 443\n", "", StringComparison.Ordinal)
        .Replace("          value: prod&safe\n", "          value: prod&safe\n        - name: LOG_LEVEL\n          value: debug\n", StringComparison.Ordinal)
        .Replace("    team: blue\n", "", StringComparison.Ordinal)
        .Replace("  size: large", "", StringComparison.Ordinal);

    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task Apply_ANewManifest_CreatesEachObject_WithTheLastAppliedConfigurationKubectlSent()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-create");

        var result = await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("first.yaml", First), "-n", ns);

        Assert.Equal("deployment.apps/web created\nservice/web created\nconfigmap/web-config created\n", result.Output);
        var deployment = await GetAsync(fixture.Kubectl, ns, "deploy/web");
        Assert.Equal(
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"web\",\"team\":\"blue\",\"tier\":\"frontend\"},"
            + $"\"name\":\"web\",\"namespace\":\"{ns}\"}},\"spec\":{{\"replicas\":2,\"selector\":{{\"matchLabels\":{{\"app\":\"web\"}}}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":["
            + "{\"env\":[{\"name\":\"MODE\",\"value\":\"prod\\u0026safe\"}],\"image\":\"nginx:1.25\",\"name\":\"app\",\"ports\":[{\"containerPort\":80},{\"containerPort\":443}]},"
            + "{\"command\":[\"sleep\",\"infinity\"],\"image\":\"busybox:1.36\",\"name\":\"sidecar\",\"ports\":[{\"containerPort\":9090,\"name\":\"metrics\"}]}]}}}}\n",
            Annotation(deployment));
        var configMap = await GetAsync(fixture.Kubectl, ns, "cm/web-config");
        Assert.Equal(
            $"{{\"apiVersion\":\"v1\",\"data\":{{\"color\":\"blue\",\"size\":\"large\"}},\"kind\":\"ConfigMap\",\"metadata\":{{\"annotations\":{{}},\"name\":\"web-config\",\"namespace\":\"{ns}\"}}}}\n",
            Annotation(configMap));
    }

    [Fact]
    public async Task ViewLastApplied_ShowsTheAnnotationOfEveryAppliedObject()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-view-last-applied");
        (await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("first.yaml", First), "-n", ns)).EnsureSuccess();

        foreach (var resource in new[] { "deploy/web", "svc/web", "cm/web-config" })
        {
            var view = (await fixture.Kubectl.RunAsync("apply", "view-last-applied", resource, "-n", ns, "-o", "json")).EnsureSuccess().Output;
            var live = await GetAsync(fixture.Kubectl, ns, resource);

            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Annotation(live)), JsonNode.Parse(view)), $"{resource}: {view}");
        }
    }

    [Fact]
    public async Task Apply_AChangedManifest_PatchesExactlyTheChangedFields_AndKeepsTheDefaults()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-changed");
        (await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("first.yaml", First), "-n", ns)).EnsureSuccess();
        var serviceBefore = await GetAsync(fixture.Kubectl, ns, "svc/web");

        var result = await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("second.yaml", Second), "-n", ns);

        Assert.Equal("deployment.apps/web configured\nservice/web unchanged\nconfigmap/web-config configured\n", result.Output);
        var deployment = await GetAsync(fixture.Kubectl, ns, "deploy/web");
        AssertJson("""{"app":"web","tier":"frontend"}""", deployment["metadata"]!["labels"]);
        Assert.Equal(2, deployment["metadata"]!["generation"]!.GetValue<long>());
        AssertJson("""
            {"progressDeadlineSeconds":600,"replicas":2,"revisionHistoryLimit":10,"selector":{"matchLabels":{"app":"web"}},
             "strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"},
             "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[
               {"env":[{"name":"MODE","value":"prod&safe"},{"name":"LOG_LEVEL","value":"debug"}],"image":"nginx:1.26",
                "imagePullPolicy":"IfNotPresent","name":"app","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{},
                "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"},
               {"command":["sleep","infinity"],"image":"busybox:1.36","imagePullPolicy":"IfNotPresent","name":"sidecar",
                "ports":[{"containerPort":9090,"name":"metrics","protocol":"TCP"}],"resources":{},
                "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
              "dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},
              "terminationGracePeriodSeconds":30}}}
            """, deployment["spec"]);
        Assert.Contains("\"env\":[{\"name\":\"MODE\",\"value\":\"prod\\u0026safe\"},{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"}],\"image\":\"nginx:1.26\"",
            Annotation(deployment), StringComparison.Ordinal);
        AssertSame(serviceBefore, await GetAsync(fixture.Kubectl, ns, "svc/web"));
        var configMap = await GetAsync(fixture.Kubectl, ns, "cm/web-config");
        AssertJson("""{"color":"blue"}""", configMap["data"]);
        Assert.Equal(
            $"{{\"apiVersion\":\"v1\",\"data\":{{\"color\":\"blue\"}},\"kind\":\"ConfigMap\",\"metadata\":{{\"annotations\":{{}},\"name\":\"web-config\",\"namespace\":\"{ns}\"}}}}\n",
            Annotation(configMap));
    }

    [Fact]
    public async Task Apply_TheSameManifestAgain_PrintsUnchanged_AndWritesNothing()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-unchanged");
        (await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("first.yaml", First), "-n", ns)).EnsureSuccess();
        var second = _manifests.Write("second.yaml", Second);
        (await fixture.Kubectl.RunAsync("apply", "-f", second, "-n", ns)).EnsureSuccess();
        var before = await ReadAllAsync(ns);

        var result = await fixture.Kubectl.RunAsync("apply", "-f", second, "-n", ns);

        Assert.Equal("deployment.apps/web unchanged\nservice/web unchanged\nconfigmap/web-config unchanged\n", result.Output);
        var after = await ReadAllAsync(ns);
        for (var i = 0; i < before.Length; i++)
        {
            AssertSame(before[i], after[i]);
        }
    }

    [Fact]
    public async Task Apply_WithServerDryRun_ReportsTheChanges_ButLeavesTheObjectsAsTheyWere()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-dry-run");
        (await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("first.yaml", First), "-n", ns)).EnsureSuccess();
        var before = await ReadAllAsync(ns);

        var result = await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("second.yaml", Second), "-n", ns, "--dry-run=server");

        Assert.Equal(
            "deployment.apps/web configured (server dry run)\nservice/web unchanged (server dry run)\nconfigmap/web-config configured (server dry run)\n",
            result.Output);
        var after = await ReadAllAsync(ns);
        for (var i = 0; i < before.Length; i++)
        {
            AssertSame(before[i], after[i]);
        }
    }

    [Fact]
    public async Task Apply_WithServerDryRun_OfANewObject_CreatesNothing()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-dry-run-create");

        var result = await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("first.yaml", First), "-n", ns, "--dry-run=server");

        Assert.Equal(
            "deployment.apps/web created (server dry run)\nservice/web created (server dry run)\nconfigmap/web-config created (server dry run)\n",
            result.Output);
        var listed = await fixture.Kubectl.RunAsync("get", "deploy/web", "svc/web", "cm/web-config", "-n", ns, "--ignore-not-found", "-o", "name");
        Assert.Equal("", listed.EnsureSuccess().Output);
    }

    [Fact]
    public async Task Apply_DroppingAContainerAndAVolume_SwitchingTheStrategyAndAVolumeSource_UsesTheDeleteAndRetainKeysDirectives()
    {
        // kubectl sends $patch: delete for the dropped container and volume, and $retainKeys for the strategy and the
        // volume, so the defaulted rollingUpdate and the old emptyDir source must go.
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-directives");
        const string Before = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: s
            spec:
              selector:
                matchLabels: {app: s}
              template:
                metadata:
                  labels: {app: s}
                spec:
                  volumes:
                  - name: data
                    emptyDir: {}
                  - name: cache
                    emptyDir: {}
                  containers:
                  - name: a
                    image: a:1
                    volumeMounts:
                    - name: data
                      mountPath: /data
                  - name: b
                    image: b:1
                  - name: c
                    image: c:1
            """;
        const string After = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: s
            spec:
              strategy:
                type: Recreate
              selector:
                matchLabels: {app: s}
              template:
                metadata:
                  labels: {app: s}
                spec:
                  volumes:
                  - name: data
                    configMap:
                      name: cfg
                  containers:
                  - name: c
                    image: c:1
                  - name: a
                    image: a:1
                    volumeMounts:
                    - name: data
                      mountPath: /data
            """;
        (await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("before.yaml", Before), "-n", ns)).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("after.yaml", After), "-n", ns);

        Assert.Equal("deployment.apps/s configured\n", result.Output);
        var spec = (await GetAsync(fixture.Kubectl, ns, "deploy/s"))["spec"]!;
        AssertJson("""{"type":"Recreate"}""", spec["strategy"]);
        AssertJson("""[{"configMap":{"defaultMode":420,"name":"cfg"},"name":"data"}]""", spec["template"]!["spec"]!["volumes"]);
        var containers = spec["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["c", "a"], containers.Select(c => c!["name"]!.GetValue<string>()));
        AssertJson("""[{"mountPath":"/data","name":"data"}]""", containers[1]!["volumeMounts"]);
    }

    [Fact]
    public async Task Apply_ToAnObjectMadeByCreate_WarnsAboutTheMissingAnnotation_AndAddsIt()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-after-create");
        const string Manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: made\ndata:\n  a: \"1\"\n";
        (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write("made.yaml", Manifest), "-n", ns)).EnsureSuccess();

        var result = await fixture.Kubectl.RunAsync("apply", "-f", _manifests.Write("applied.yaml", Manifest.Replace("\"1\"", "\"2\"", StringComparison.Ordinal)), "-n", ns);

        Assert.Equal("configmap/made configured\n", result.Output);
        Assert.Equal(
            "Warning: resource configmaps/made is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. "
            + "kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. "
            + "The missing annotation will be patched automatically.\n",
            result.Error);
        var live = await GetAsync(fixture.Kubectl, ns, "cm/made");
        AssertJson("""{"a":"2"}""", live["data"]);
        Assert.Equal(
            $"{{\"apiVersion\":\"v1\",\"data\":{{\"a\":\"2\"}},\"kind\":\"ConfigMap\",\"metadata\":{{\"annotations\":{{}},\"name\":\"made\",\"namespace\":\"{ns}\"}}}}\n",
            Annotation(live));
    }

    [Fact]
    public async Task Apply_AManifestWithReplicasAsText_IsRefusedWithUpstreamsDecodeError_AndCreatesNothing()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-wrong-type");
        var path = _manifests.Write("wrong-type.yaml", First.Replace("replicas: 2", "replicas: two", StringComparison.Ordinal));

        var result = await fixture.Kubectl.RunAsync("apply", "-f", path, "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("service/web created\nconfigmap/web-config created\n", result.Output);
        Assert.Equal(
            $"Error from server (BadRequest): error when creating \"{path}\": Deployment in version \"v1\" cannot be handled as a Deployment: "
            + "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n",
            result.Error);
        var listed = await fixture.Kubectl.RunAsync("get", "deploy/web", "-n", ns, "--ignore-not-found", "-o", "name");
        Assert.Equal("", listed.EnsureSuccess().Output);
    }

    [Fact]
    public async Task Apply_Quantities_AreStoredInCanonicalForm_SoReapplyingSendsThemAgain_WithoutAWrite()
    {
        // Upstream decodes quantities and stores their canonical text; kubectl then sees the live 500m differ from the
        // file's 0.5 on every apply and sends it again, which changes nothing.
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "apply-quantities");
        var path = _manifests.Write("quantities.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: q
            spec:
              containers:
              - name: c
                image: nginx
                resources:
                  requests: {cpu: 0.5, memory: 1073741824}
                  limits: {cpu: 1000m, memory: 1.5Gi}
            """);
        (await fixture.Kubectl.RunAsync("apply", "-f", path, "-n", ns)).EnsureSuccess();
        var before = await GetAsync(fixture.Kubectl, ns, "pod/q");

        var again = await fixture.Kubectl.RunAsync("apply", "-f", path, "-n", ns);

        AssertJson("""{"limits":{"cpu":"1","memory":"1536Mi"},"requests":{"cpu":"500m","memory":"1073741824"}}""",
            before["spec"]!["containers"]![0]!["resources"]);
        Assert.Equal("pod/q configured\n", again.Output);
        AssertSame(before, await GetAsync(fixture.Kubectl, ns, "pod/q"));
    }

    private async Task<JsonObject[]> ReadAllAsync(string ns) =>
    [
        await GetAsync(fixture.Kubectl, ns, "deploy/web"),
        await GetAsync(fixture.Kubectl, ns, "svc/web"),
        await GetAsync(fixture.Kubectl, ns, "cm/web-config"),
    ];

    private static string Annotation(JsonObject live) => live["metadata"]!["annotations"]![LastApplied]!.GetValue<string>();
}
