using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl get</c>: tables, output formats, selectors, sorting, label columns and errors.</summary>
public sealed class KubectlGetTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly KubectlManifests _manifests = new(fixture.DataDir);

    [Fact]
    public async Task Get_ConfigMaps_PrintsNameDataAge()
    {
        var ns = await SeedAsync("get-table");

        var result = (await fixture.Kubectl.RunAsync("get", "configmaps", "-n", ns)).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "DATA", "AGE"], table.Columns);
        Assert.Equal(["alpha", "beta", "gamma"], table.Names);
        Assert.Equal("2", table.Row("alpha")["DATA"]);
        Assert.Matches("^[0-9]+s$", table.Row("alpha")["AGE"]);
    }

    [Fact]
    public async Task Get_Pods_PrintsPendingPodsWithUpstreamColumns()
    {
        var ns = await SeedAsync("get-pods");

        var result = (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns)).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], table.Columns);
        Assert.Equal("0/1", table.Row("web-1")["READY"]);
        Assert.Equal("Pending", table.Row("web-1")["STATUS"]);
        Assert.Equal("0", table.Row("web-1")["RESTARTS"]);
    }

    [Fact]
    public async Task GetWide_Pods_AddsIpNodeNominatedNodeAndReadinessGates()
    {
        var ns = await SeedAsync("get-wide");

        var result = (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "wide")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"], table.Columns);
        var row = table.Row("web-1");
        Assert.Equal("<none>", row["IP"]);
        Assert.Equal("<none>", row["NODE"]);
        Assert.Equal("<none>", row["NOMINATED NODE"]);
        Assert.Equal("<none>", row["READINESS GATES"]);
    }

    [Fact]
    public async Task GetName_PrintsKindSlashName()
    {
        var ns = await SeedAsync("get-name");

        var result = (await fixture.Kubectl.RunAsync("get", "cm,pods", "-n", ns, "-o", "name")).EnsureSuccess();

        Assert.Equal("configmap/alpha\nconfigmap/beta\nconfigmap/gamma\npod/web-1\npod/web-2\n", result.Output);
    }

    [Fact]
    public async Task GetJsonPath_PrintsTheSelectedFields()
    {
        var ns = await SeedAsync("get-jsonpath");

        var names = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-o", "jsonpath={.items[*].metadata.name}")).EnsureSuccess();
        var one = (await fixture.Kubectl.RunAsync("get", "cm", "alpha", "-n", ns, "-o", "jsonpath={.data.one}")).EnsureSuccess();
        var range = (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image}{\"\\n\"}{end}")).EnsureSuccess();

        Assert.Equal("alpha beta gamma", names.Output);
        Assert.Equal("1", one.Output);
        Assert.Equal("web-1=nginx:1.27\nweb-2=nginx:1.27\n", range.Output);
    }

    [Fact]
    public async Task GetYaml_OneObject_PrintsItWithKindAndApiVersion()
    {
        var ns = await SeedAsync("get-yaml");

        var result = (await fixture.Kubectl.RunAsync("get", "cm", "alpha", "-n", ns, "-o", "yaml")).EnsureSuccess();

        Assert.StartsWith("apiVersion: v1\ndata:\n  one: \"1\"\n  two: \"2\"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: \"", result.Output, StringComparison.Ordinal);
        Assert.Contains($"\n  name: alpha\n  namespace: {ns}\n  resourceVersion: \"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetYaml_AList_IsAV1ListWithKindsOnItems()
    {
        var ns = await SeedAsync("get-yaml-list");

        var result = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-o", "yaml")).EnsureSuccess();

        Assert.StartsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  data:", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("kind: List\nmetadata:\n  resourceVersion: \"\"\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJson_AList_HasEveryItemWithItsKind()
    {
        var ns = await SeedAsync("get-json");

        var result = (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "json")).EnsureSuccess();

        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal("List", document.RootElement.GetProperty("kind").GetString());
        var items = document.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("Pod", i.GetProperty("kind").GetString()));
        Assert.All(items, i => Assert.Equal("v1", i.GetProperty("apiVersion").GetString()));
    }

    [Fact]
    public async Task GetAllNamespaces_AddsTheNamespaceColumn()
    {
        var ns = await SeedAsync("get-all-ns");

        var result = (await fixture.Kubectl.RunAsync("get", "pods", "-A")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"], table.Columns);
        Assert.Contains(table.Rows, r => r["NAMESPACE"] == ns && r["NAME"] == "web-1");
    }

    [Theory]
    [InlineData("tier=front", "alpha")]
    [InlineData("tier==front", "alpha")]
    [InlineData("tier!=front", "beta,gamma")]
    [InlineData("tier in (front,back)", "alpha,beta")]
    [InlineData("tier notin (front)", "beta,gamma")]
    [InlineData("tier", "alpha,beta")]
    [InlineData("!tier", "gamma")]
    [InlineData("app=cfg,tier=back", "beta")]
    [InlineData("size>5", "gamma")]
    [InlineData("size<5", "alpha")]
    public async Task GetWithLabelSelector_ReturnsTheMatchingObjects(string selector, string expected)
    {
        var ns = await SeedAsync("get-l-" + Math.Abs(selector.GetHashCode(StringComparison.Ordinal)));

        var result = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-l", selector, "-o", "name")).EnsureSuccess();

        Assert.Equal(string.Concat(expected.Split(',').Select(n => $"configmap/{n}\n")), result.Output);
    }

    [Fact]
    public async Task GetWithLabelSelector_MatchingNothing_SaysNoResourcesFound()
    {
        var ns = await SeedAsync("get-l-none");

        var result = await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-l", "tier=nowhere");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal($"No resources found in {ns} namespace.\n", result.Error);
    }

    [Fact]
    public async Task GetWithAnInvalidLabelSelector_IsRefused()
    {
        var ns = await SeedAsync("get-l-bad");

        var result = await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-l", "a=b=c");

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("Error from server (BadRequest): Unable to find \"/v1, Resource=configmaps\" that match label selector \"a=b=c\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWithFieldSelector_MetadataName_ReturnsThatObject()
    {
        var ns = await SeedAsync("get-fs-name");

        var result = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "--field-selector", "metadata.name=beta", "-o", "name")).EnsureSuccess();
        var negated = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "--field-selector", "metadata.name!=beta", "-o", "name")).EnsureSuccess();

        Assert.Equal("configmap/beta\n", result.Output);
        Assert.Equal("configmap/alpha\nconfigmap/gamma\n", negated.Output);
    }

    [Fact]
    public async Task GetWithFieldSelector_StatusPhase_FiltersPods()
    {
        var ns = await SeedAsync("get-fs-phase");

        var pending = (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "status.phase=Pending", "-o", "name")).EnsureSuccess();
        var running = await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "status.phase=Running");

        Assert.Equal("pod/web-1\npod/web-2\n", pending.Output);
        Assert.Equal($"No resources found in {ns} namespace.\n", running.Error);
    }

    [Fact]
    public async Task GetWithFieldSelector_AndLabelSelectorAcrossNamespaces_Combines()
    {
        var ns = await SeedAsync("get-fs-combined");

        var result = (await fixture.Kubectl.RunAsync("get", "pods", "-A", "-l", "app=web", "--field-selector", $"metadata.namespace={ns},metadata.name=web-2", "-o", "name")).EnsureSuccess();

        Assert.Equal("pod/web-2\n", result.Output);
    }

    [Fact]
    public async Task GetWithFieldSelector_OnAnUnsupportedField_PrintsFieldLabelNotSupported()
    {
        var ns = await SeedAsync("get-fs-bad");

        var result = await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "spec.foo=bar");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field selector \"spec.foo=bar\": field label not supported: spec.foo\n", result.Error);
    }

    [Fact]
    public async Task GetSortBy_Name_SortsRegardlessOfCreationOrder()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "get-sort");
        foreach (var name in new[] { "zulu", "alpha", "mike" })
        {
            (await fixture.Kubectl.RunAsync("create", "-f", _manifests.Write(name + ".yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  k: \"{name.Length}\"\n"), "-n", ns)).EnsureSuccess();
        }

        var byName = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "--sort-by=.metadata.name")).EnsureSuccess();
        var byTime = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "--sort-by=.metadata.resourceVersion", "-o", "name")).EnsureSuccess();

        Assert.Equal(["alpha", "mike", "zulu"], KubectlTable.Parse(byName.Output).Names);
        Assert.Equal("configmap/zulu\nconfigmap/alpha\nconfigmap/mike\n", byTime.Output);
    }

    [Fact]
    public async Task GetShowLabels_AddsALabelsColumn()
    {
        var ns = await SeedAsync("get-show-labels");

        var result = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "--show-labels")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "DATA", "AGE", "LABELS"], table.Columns);
        Assert.Equal("app=cfg,size=1,tier=front", table.Row("alpha")["LABELS"]);
        Assert.Equal("app=cfg,size=9", table.Row("gamma")["LABELS"]);
    }

    [Fact]
    public async Task GetLabelColumns_AddsOneUpperCaseColumnPerKey()
    {
        var ns = await SeedAsync("get-label-columns");

        var result = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-L", "tier,size")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "DATA", "AGE", "TIER", "SIZE"], table.Columns);
        Assert.Equal("back", table.Row("beta")["TIER"]);
        Assert.Equal("", table.Row("gamma")["TIER"]);
        Assert.Equal("9", table.Row("gamma")["SIZE"]);
    }

    [Fact]
    public async Task Get_AMissingObject_PrintsNotFound()
    {
        var ns = await SeedAsync("get-missing");

        var result = await fixture.Kubectl.RunAsync("get", "pods", "x", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (NotFound): pods \"x\" not found\n", result.Error);
    }

    [Fact]
    public async Task Get_AMissingDeployment_NamesTheGroupInTheMessage()
    {
        var ns = await SeedAsync("get-missing-deploy");

        var result = await fixture.Kubectl.RunAsync("get", "deploy", "x", "-n", ns);

        Assert.Equal("Error from server (NotFound): deployments.apps \"x\" not found\n", result.Error);
    }

    [Fact]
    public async Task GetIgnoreNotFound_AMissingObject_PrintsNothingAndSucceeds()
    {
        var ns = await SeedAsync("get-ignore-not-found");

        var result = await fixture.Kubectl.RunAsync("get", "pods", "x", "-n", ns, "--ignore-not-found");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Get_AnEmptyNamespace_SaysNoResourcesFound()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "get-empty");

        var result = await fixture.Kubectl.RunAsync("get", "pods", "-n", ns);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"No resources found in {ns} namespace.\n", result.Error);
    }

    [Fact]
    public async Task Get_AnUnknownResourceType_SaysTheServerDoesNotHaveIt()
    {
        var result = await fixture.Kubectl.RunAsync("get", "foos");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: the server doesn't have a resource type \"foos\"\n", result.Error);
    }

    [Theory]
    [InlineData("po", "pod/web-1")]
    [InlineData("pod", "pod/web-1")]
    [InlineData("cm", "configmap/alpha")]
    [InlineData("configmap", "configmap/alpha")]
    [InlineData("svc", "service/web")]
    [InlineData("deploy", "deployment.apps/web")]
    [InlineData("deployments.apps", "deployment.apps/web")]
    [InlineData("deployments.v1.apps", "deployment.apps/web")]
    public async Task Get_ByShortOrSingularOrQualifiedName_ResolvesTheResource(string resource, string expected)
    {
        var ns = await SeedAsync("get-short-" + resource.Replace('.', '-'));

        var result = (await fixture.Kubectl.RunAsync("get", resource, "-n", ns, "-o", "name")).EnsureSuccess();

        Assert.Contains(expected + "\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NamespacesByShortName_ShowsActiveStatus()
    {
        var ns = await SeedAsync("get-ns");

        var result = (await fixture.Kubectl.RunAsync("get", "ns", ns)).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "STATUS", "AGE"], table.Columns);
        Assert.Equal("Active", table.Row(ns)["STATUS"]);
    }

    [Fact]
    public async Task GetAll_ListsPodsServicesAndDeploymentsInBlocks()
    {
        var ns = await SeedAsync("get-all");

        var result = (await fixture.Kubectl.RunAsync("get", "all", "-n", ns)).EnsureSuccess();

        var tables = KubectlTable.ParseAll(result.Output);
        Assert.Equal(3, tables.Count);
        Assert.Equal(["pod/web-1", "pod/web-2"], tables[0].Names);
        Assert.Equal(["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], tables[1].Columns);
        var service = tables[1].Row("service/web");
        Assert.Equal("ClusterIP", service["TYPE"]);
        Assert.StartsWith("10.43.", service["CLUSTER-IP"], StringComparison.Ordinal);
        Assert.Equal("<none>", service["EXTERNAL-IP"]);
        Assert.Equal("80/TCP", service["PORT(S)"]);
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], tables[2].Columns);
        var deployment = tables[2].Row("deployment.apps/web");
        Assert.Equal("0/2", deployment["READY"]);
    }

    [Fact]
    public async Task GetWide_Deployments_AddsContainersImagesAndSelector()
    {
        var ns = await SeedAsync("get-wide-deploy");

        var result = (await fixture.Kubectl.RunAsync("get", "deploy", "-n", ns, "-o", "wide")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"], table.Columns);
        Assert.Equal("nginx", table.Row("web")["CONTAINERS"]);
        Assert.Equal("nginx:1.27", table.Row("web")["IMAGES"]);
        Assert.Equal("app=web", table.Row("web")["SELECTOR"]);
    }

    [Fact]
    public async Task GetWide_Services_AddsTheSelector()
    {
        var ns = await SeedAsync("get-wide-svc");

        var result = (await fixture.Kubectl.RunAsync("get", "svc", "-n", ns, "-o", "wide")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"], table.Columns);
        Assert.Equal("app=web", table.Row("web")["SELECTOR"]);
    }

    [Fact]
    public async Task Get_Secrets_PrintsTypeAndDataCount()
    {
        var ns = await SeedAsync("get-secrets");

        var result = (await fixture.Kubectl.RunAsync("get", "secrets", "-n", ns)).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "TYPE", "DATA", "AGE"], table.Columns);
        Assert.Equal("Opaque", table.Row("token")["TYPE"]);
        Assert.Equal("2", table.Row("token")["DATA"]);
    }

    [Fact]
    public async Task GetCustomColumns_PrintsTheChosenFields()
    {
        var ns = await SeedAsync("get-custom-columns");

        var result = (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,POLICY:.spec.restartPolicy")).EnsureSuccess();

        Assert.Equal("NAME    IMAGE        POLICY\nweb-1   nginx:1.27   Always\nweb-2   nginx:1.27   Always\n", result.Output);
    }

    [Fact]
    public async Task GetChunkSize_PagesThroughEveryObject()
    {
        var ns = await SeedAsync("get-chunks");

        var paged = (await fixture.Kubectl.RunAsync("get", "cm,pods", "-n", ns, "--chunk-size=1", "-o", "name")).EnsureSuccess();
        var table = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "--chunk-size=2")).EnsureSuccess();

        Assert.Equal("configmap/alpha\nconfigmap/beta\nconfigmap/gamma\npod/web-1\npod/web-2\n", paged.Output);
        Assert.Equal(["alpha", "beta", "gamma"], KubectlTable.Parse(table.Output).Names);
    }

    [Fact]
    public async Task GetGoTemplate_RendersTheObject()
    {
        var ns = await SeedAsync("get-go-template");

        var result = (await fixture.Kubectl.RunAsync("get", "cm", "alpha", "-n", ns, "-o", "go-template={{.metadata.name}}:{{.data.two}}")).EnsureSuccess();

        Assert.Equal("alpha:2", result.Output);
    }

    [Fact]
    public async Task GetNoHeaders_PrintsOnlyRows()
    {
        var ns = await SeedAsync("get-no-headers");

        var result = (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "--no-headers", "-o", "custom-columns=N:.metadata.name")).EnsureSuccess();

        Assert.Equal("alpha\nbeta\ngamma\n", result.Output);
    }

    /// <summary>
    /// A namespace with configmaps alpha (tier=front,size=1), beta (tier=back,size=5) and gamma (size=9), a
    /// secret, pods web-1 and web-2 (app=web), a service and a deployment named web.
    /// </summary>
    private async Task<string> SeedAsync(string ns)
    {
        await KubectlTestNamespace.CreateAsync(fixture, ns);
        var path = _manifests.Write(ns + ".yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: alpha
              labels: {app: cfg, tier: front, size: "1"}
            data: {one: "1", two: "2"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: beta
              labels: {app: cfg, tier: back, size: "5"}
            data: {one: "1"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: gamma
              labels: {app: cfg, size: "9"}
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: token
            stringData: {user: admin, password: hunter2}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-1
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-2
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: 8080
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
            """);
        (await fixture.Kubectl.RunAsync("create", "-f", path, "-n", ns)).EnsureSuccess();
        return ns;
    }
}
