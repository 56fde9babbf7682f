using System.Net;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// Duplicate fields in request bodies under <c>fieldValidation</c>, worded and ordered as upstream reports them
/// together with unknown fields: Strict refuses the request, Warn (the default) answers a <c>Warning</c> per field,
/// Ignore says nothing; a duplicate keeps its last value.
/// </summary>
public sealed class DuplicateFieldValidationTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Deployments = "/apis/apps/v1/namespaces/{0}/deployments";

    /// <summary>Each problem once, in document order; unknownDupe is unknown, so not also a duplicate.</summary>
    private static readonly string[] JsonProblems =
    [
        "duplicate field \"metadata.name\"",
        "unknown field \"metadata.unknownMeta\"",
        "unknown field \"spec.unknown1\"",
        "unknown field \"spec.unknownDupe\"",
        "duplicate field \"spec.paused\"",
        "unknown field \"spec.template.spec.containers[0].unknownNested\"",
        "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"",
    ];

    /// <summary>YAML: the converter's repeated keys by line, then the unknown fields in key order.</summary>
    private static readonly string[] YamlProblems =
    [
        "line 5: key \"name\" already set in map",
        "line 13: key \"unknownDupe\" already set in map",
        "line 15: key \"paused\" already set in map",
        "line 29: key \"imagePullPolicy\" already set in map",
        "unknown field \"metadata.unknownMeta\"",
        "unknown field \"spec.template.spec.containers[0].unknownNested\"",
        "unknown field \"spec.unknown1\"",
        "unknown field \"spec.unknownDupe\"",
    ];

    /// <summary>The patch's own duplicates first, then the patched object's unknown fields in key order.</summary>
    private static readonly string[] MergePatchProblems =
    [
        "duplicate field \"spec.unknownDupe\"",
        "duplicate field \"spec.paused\"",
        "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"",
        "unknown field \"spec.template.spec.containers[0].unknownNested\"",
        "unknown field \"spec.unknown1\"",
        "unknown field \"spec.unknownDupe\"",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateUnderStrict_RefusesEveryUnknownAndDuplicateField()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "dup-create-strict");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, string.Format(Deployments, ns) + "?fieldValidation=Strict", InvalidJson("web"));

        var message = await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: " + string.Join(", ", JsonProblems),
            message);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(string.Format(Deployments, ns) + "/web")).StatusCode);
    }

    [Theory]
    [InlineData("?fieldValidation=Warn")]
    [InlineData("")]
    public async Task CreateUnderWarn_WarnsPerFieldAndKeepsTheLastValues(string query)
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "dup-create-warn" + (query.Length == 0 ? "-default" : ""));
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, string.Format(Deployments, ns) + query, InvalidJson("web"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(JsonProblems, Warnings(response));
        var stored = await GetAsync(http, ns, "web");
        Assert.False(stored["spec"]!["paused"]!.GetValue<bool>());
        Assert.Equal("Never", stored["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
        Assert.Null(stored["spec"]!["unknown1"]);
    }

    [Fact]
    public async Task CreateUnderIgnore_SaysNothing()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "dup-create-ignore");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, string.Format(Deployments, ns) + "?fieldValidation=Ignore", InvalidJson("web"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Warning"));
        Assert.Equal("web", (await GetAsync(http, ns, "web"))["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task YamlCreate_ReportsRepeatedKeysByLineThenUnknownFields()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "dup-create-yaml");
        using var http = new ApiHttp(fixture.Server);

        var strict = await http.SendBodyAsync(HttpMethod.Post, string.Format(Deployments, ns) + "?fieldValidation=Strict",
            InvalidYaml("web"), "application/yaml");
        var warn = await http.SendBodyAsync(HttpMethod.Post, string.Format(Deployments, ns) + "?fieldValidation=Warn",
            InvalidYaml("web"), "application/yaml");

        var message = await StatusAssert.IsFailureAsync(strict, 400, "BadRequest");
        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: yaml: unmarshal errors:\n  "
            + string.Join("\n  ", YamlProblems[..4]) + ", " + string.Join(", ", YamlProblems[4..]), message);
        Assert.Equal(HttpStatusCode.Created, warn.StatusCode);
        Assert.Equal(YamlProblems, Warnings(warn));
        Assert.Equal("Never", (await GetAsync(http, ns, "web"))["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_ReportsDuplicatesLikeCreate()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "dup-update");
        using var http = new ApiHttp(fixture.Server);
        Assert.Equal(HttpStatusCode.Created, (await http.SendBodyAsync(HttpMethod.Post, string.Format(Deployments, ns), ValidJson("web"))).StatusCode);
        var item = string.Format(Deployments, ns) + "/web";

        var strict = await http.SendBodyAsync(HttpMethod.Put, item + "?fieldValidation=Strict", InvalidJson("web"));
        var warn = await http.SendBodyAsync(HttpMethod.Put, item + "?fieldValidation=Warn", InvalidJson("web"));
        var ignore = await http.SendBodyAsync(HttpMethod.Put, item + "?fieldValidation=Ignore", InvalidJson("web"));

        Assert.EndsWith("strict decoding error: " + string.Join(", ", JsonProblems), await StatusAssert.IsFailureAsync(strict, 400, "BadRequest"),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, warn.StatusCode);
        Assert.Equal(JsonProblems, Warnings(warn));
        Assert.Equal(HttpStatusCode.OK, ignore.StatusCode);
        Assert.False(ignore.Headers.Contains("Warning"));
    }

    [Theory]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/strategic-merge-patch+json")]
    public async Task MergePatches_ReportTheirOwnDuplicatesBeforeThePatchedObjectsUnknownFields(string contentType)
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "dup-patch-" + contentType[12..17]);
        using var http = new ApiHttp(fixture.Server);
        Assert.Equal(HttpStatusCode.Created, (await http.SendBodyAsync(HttpMethod.Post, string.Format(Deployments, ns), ValidJson("web"))).StatusCode);
        var item = string.Format(Deployments, ns) + "/web";

        var strict = await http.SendBodyAsync(HttpMethod.Patch, item + "?fieldValidation=Strict", PatchJson, contentType);
        var ignore = await http.SendBodyAsync(HttpMethod.Patch, item + "?fieldValidation=Ignore", PatchJson, contentType);
        var warn = await http.SendBodyAsync(HttpMethod.Patch, item, PatchJson, contentType);

        var message = await StatusAssert.IsFailureAsync(strict, 422, "Invalid");
        Assert.EndsWith(": strict decoding error: " + string.Join(", ", MergePatchProblems), message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ignore.StatusCode);
        Assert.False(ignore.Headers.Contains("Warning"));
        Assert.Equal(HttpStatusCode.OK, warn.StatusCode);
        Assert.Equal(MergePatchProblems, Warnings(warn));
        Assert.False((await GetAsync(http, ns, "web"))["spec"]!["paused"]!.GetValue<bool>());
    }

    [Fact]
    public async Task JsonPatch_ReportsRepeatedOperationMembers_ButNotRepeatedKeysInValues()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "dup-json-patch");
        using var http = new ApiHttp(fixture.Server);
        Assert.Equal(HttpStatusCode.Created, (await http.SendBodyAsync(HttpMethod.Post, string.Format(Deployments, ns), ValidJson("web"))).StatusCode);
        var item = string.Format(Deployments, ns) + "/web";
        const string patch = """
            [
              {"op": "add", "path": "/spec/unknown1", "value": "v", "foo": "bar"},
              {"op": "add", "path": "/spec/unknown2", "path": "/spec/unknown3", "value": "v"},
              {"op": "add", "path": "/metadata/labels", "value": {"a": "1", "a": "2"}},
              {"op": "add", "path": "/spec/paused", "value": true}
            ]
            """;
        string[] problems =
        [
            "json patch unknown field \"[0].foo\"",
            "json patch duplicate field \"[1].path\"",
            "unknown field \"spec.unknown1\"",
            "unknown field \"spec.unknown3\"",
        ];

        var strict = await http.SendBodyAsync(HttpMethod.Patch, item + "?fieldValidation=Strict", patch, "application/json-patch+json");
        var warn = await http.SendBodyAsync(HttpMethod.Patch, item + "?fieldValidation=Warn", patch, "application/json-patch+json");

        Assert.EndsWith(": strict decoding error: " + string.Join(", ", problems), await StatusAssert.IsFailureAsync(strict, 422, "Invalid"),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, warn.StatusCode);
        Assert.Equal(problems, Warnings(warn));
        Assert.Equal("2", (await GetAsync(http, ns, "web"))["metadata"]!["labels"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task KubectlCreate_CollapsesDuplicateKeysItself_SoOnlyARawCreateMeetsTheServersCheck()
    {
        var ns = await KubectlTestNamespace.CreateAsync(fixture, "dup-kubectl");
        var manifests = new KubectlManifests(fixture.DataDir);
        var file = manifests.Write("dup-deployment.json", InvalidJson("web"));

        // kubectl 1.32 decodes the file into a map before sending it (keys sorted): duplicates keep their last value
        // and never reach the server; unknown fields do, and are refused under the Strict validation kubectl asks for.
        var create = await fixture.Kubectl.RunAsync("create", "-f", file, "-n", ns);
        var raw = await fixture.Kubectl.RunAsync("create", "--raw", string.Format(Deployments, ns) + "?fieldValidation=Strict", "-f", file);

        Assert.Equal(1, create.ExitCode);
        Assert.Equal($"Error from server (BadRequest): error when creating \"{file}\": Deployment in version \"v1\" cannot be handled as a Deployment: "
            + "strict decoding error: unknown field \"metadata.unknownMeta\", unknown field \"spec.template.spec.containers[0].unknownNested\", "
            + "unknown field \"spec.unknown1\", unknown field \"spec.unknownDupe\"\n", create.Error);
        Assert.Equal(1, raw.ExitCode);
        Assert.Equal("Error from server (BadRequest): Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: "
            + string.Join(", ", JsonProblems) + "\n", raw.Error);
    }

    /// <summary>The text of each <c>Warning: 299 - "…"</c> header, unquoted, in order.</summary>
    private static string[] Warnings(HttpResponseMessage response) => response.Headers.TryGetValues("Warning", out var values)
        ? [.. values.Select(v =>
        {
            Assert.StartsWith("299 - \"", v, StringComparison.Ordinal);
            return v["299 - \"".Length..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
        })]
        : [];

    private static async Task<JsonNode> GetAsync(ApiHttp http, string ns, string name)
    {
        var response = await http.GetAsync(string.Format(Deployments, ns) + "/" + name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private const string PatchJson = """
        {
          "spec": {
            "unknown1": "v",
            "unknownDupe": "a",
            "unknownDupe": "b",
            "paused": true,
            "paused": false,
            "template": {
              "spec": {
                "containers": [{
                  "name": "app",
                  "image": "nginx:1.27",
                  "unknownNested": "v",
                  "imagePullPolicy": "Always",
                  "imagePullPolicy": "Never"
                }]
              }
            }
          }
        }
        """;

    private static string ValidJson(string name) => $$$"""
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "{{{name}}}"},
         "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}},
                               "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}
                  }
         }
        }
        """;

    private static string InvalidJson(string name) => $$$"""
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {
            "name": "dupename",
            "name": "{{{name}}}",
            "labels": {"app": "web"},
            "unknownMeta": "v"
          },
          "spec": {
            "replicas": 0,
            "unknown1": "v",
            "unknownDupe": "a",
            "unknownDupe": "b",
            "paused": true,
            "paused": false,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
              "metadata": {"labels": {"app": "web"}},
              "spec": {
                "containers": [{
                  "name": "app",
                  "image": "nginx:1.27",
                  "unknownNested": "v",
                  "imagePullPolicy": "Always",
                  "imagePullPolicy": "Never"
                }]
              }
            }
          }
        }
        """;

    private static string InvalidYaml(string name) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: dupename
          name: {name}
          unknownMeta: v
          labels:
            app: web
        spec:
          replicas: 0
          unknown1: v
          unknownDupe: a
          unknownDupe: b
          paused: true
          paused: false
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
                image: nginx:1.27
                unknownNested: v
                imagePullPolicy: Always
                imagePullPolicy: Never
        """;
}
