namespace SharpKube.ApiServer.Tests.Integration;

/// <summary><c>kubectl api-resources</c>, <c>api-versions</c>, <c>explain</c> and <c>version</c>.</summary>
public sealed class KubectlDiscoveryTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task ApiResources_ListsCoreAndAppsResourcesLikeUpstream()
    {
        var result = (await fixture.Kubectl.RunAsync("api-resources")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], table.Columns);
        AssertRow(table, "pods", "po", "v1", "true", "Pod");
        AssertRow(table, "configmaps", "cm", "v1", "true", "ConfigMap");
        AssertRow(table, "secrets", "", "v1", "true", "Secret");
        AssertRow(table, "services", "svc", "v1", "true", "Service");
        AssertRow(table, "namespaces", "ns", "v1", "false", "Namespace");
        AssertRow(table, "deployments", "deploy", "apps/v1", "true", "Deployment");
        AssertRow(table, "replicasets", "rs", "apps/v1", "true", "ReplicaSet");
        AssertRow(table, "cronjobs", "cj", "batch/v1", "true", "CronJob");
    }

    [Fact]
    public async Task ApiResources_ListsSubresourcesNowhere()
    {
        var result = (await fixture.Kubectl.RunAsync("api-resources", "-o", "name")).EnsureSuccess();

        Assert.DoesNotContain("/", result.Output, StringComparison.Ordinal);
        Assert.Contains("pods\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("deployments.apps\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiResources_NamespacedFalse_ListsOnlyClusterScopedResources()
    {
        var result = (await fixture.Kubectl.RunAsync("api-resources", "--namespaced=false")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.All(table.Rows, r => Assert.Equal("false", r["NAMESPACED"]));
        Assert.Contains("namespaces", table.Names);
        Assert.Contains("nodes", table.Names);
        Assert.DoesNotContain("pods", table.Names);
    }

    [Fact]
    public async Task ApiResources_Wide_ShowsVerbsAndCategories()
    {
        var result = (await fixture.Kubectl.RunAsync("api-resources", "-o", "wide")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS", "CATEGORIES"], table.Columns);
        var pods = table.Rows.Single(r => r["NAME"] == "pods");
        Assert.Equal("create,delete,deletecollection,get,list,patch,update,watch", pods["VERBS"]);
        Assert.Equal("all", pods["CATEGORIES"]);
        var deployments = table.Rows.Single(r => r["NAME"] == "deployments");
        Assert.Equal("all", deployments["CATEGORIES"]);
        var configmaps = table.Rows.Single(r => r["NAME"] == "configmaps");
        Assert.Equal("", configmaps["CATEGORIES"]);
    }

    [Fact]
    public async Task ApiResources_ApiGroupApps_ListsOnlyApps()
    {
        var result = (await fixture.Kubectl.RunAsync("api-resources", "--api-group=apps")).EnsureSuccess();

        var table = KubectlTable.Parse(result.Output);
        Assert.Equal(["controllerrevisions", "daemonsets", "deployments", "replicasets", "statefulsets"], table.Names);
        Assert.All(table.Rows, r => Assert.Equal("apps/v1", r["APIVERSION"]));
    }

    [Fact]
    public async Task ApiResources_ByVerb_FiltersOnVerbs()
    {
        var result = (await fixture.Kubectl.RunAsync("api-resources", "--verbs=list", "--api-group=", "-o", "name")).EnsureSuccess();

        Assert.Contains("pods\n", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("bindings\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiVersions_ListsEveryGroupVersionSorted()
    {
        var result = (await fixture.Kubectl.RunAsync("api-versions")).EnsureSuccess();

        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Contains("v1", lines);
        Assert.Contains("apps/v1", lines);
        Assert.Contains("batch/v1", lines);
        Assert.Contains("autoscaling/v1", lines);
        Assert.Contains("autoscaling/v2", lines);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
    }

    [Fact]
    public async Task Version_PrintsClientAndServerVersions()
    {
        var result = (await fixture.Kubectl.RunAsync("version")).EnsureSuccess();

        Assert.Matches(@"(?m)^Client Version: v1\.32\.[0-9]+$", result.Output);
        Assert.Matches(@"(?m)^Server Version: v1\.32\.[0-9]+", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task VersionJson_ReportsMinor32()
    {
        var result = (await fixture.Kubectl.RunAsync("version", "-o", "json")).EnsureSuccess();

        using var document = System.Text.Json.JsonDocument.Parse(result.Output);
        var server = document.RootElement.GetProperty("serverVersion");
        Assert.Equal("1", server.GetProperty("major").GetString());
        Assert.Equal("32", server.GetProperty("minor").GetString());
        Assert.Equal("linux/amd64", server.GetProperty("platform").GetString());
    }

    [Fact]
    public async Task ExplainPods_PrintsKindVersionAndFields()
    {
        var result = (await fixture.Kubectl.RunAsync("explain", "pods")).EnsureSuccess();

        Assert.StartsWith("KIND:       Pod\nVERSION:    v1\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("FIELDS:", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  spec\s+<", result.Output);
    }

    [Fact]
    public async Task ExplainDeploymentsSpec_PrintsTheNestedField()
    {
        var result = (await fixture.Kubectl.RunAsync("explain", "deployments.spec.replicas")).EnsureSuccess();

        Assert.StartsWith("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_AnUnknownResource_SaysTheServerDoesNotHaveIt()
    {
        var result = await fixture.Kubectl.RunAsync("explain", "foos");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("the server doesn't have a resource type \"foos\"\n", result.Error);
    }

    private static void AssertRow(KubectlTable table, string name, string shortNames, string apiVersion, string namespaced, string kind)
    {
        var row = table.Rows.Single(r => r["NAME"] == name && r["APIVERSION"] == apiVersion);
        Assert.Equal(shortNames, row["SHORTNAMES"]);
        Assert.Equal(namespaced, row["NAMESPACED"]);
        Assert.Equal(kind, row["KIND"]);
    }
}
