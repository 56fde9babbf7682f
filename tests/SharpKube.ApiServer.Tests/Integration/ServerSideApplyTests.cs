using System.Net;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Server-side apply over raw HTTP: create and update, status codes, conflicts as Status causes, and bad input.</summary>
public sealed class ServerSideApplyTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Apply = "application/apply-patch+yaml";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyToAMissingObject_Creates201_ThenUpdates200_FromYamlOrJson()
    {
        var ns = await NamespaceAsync("ssa-http-create");
        using var http = new ApiHttp(fixture.Server);

        var created = await http.SendBodyAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/conf?fieldManager=tool",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\ndata:\n  a: '1'\n", Apply);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var updated = await http.SendBodyAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/conf?fieldManager=tool",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"conf"},"data":{"b":"2"}}""", Apply);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var obj = JsonNode.Parse(await updated.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("""{"b":"2"}""", obj["data"]!.ToJsonString());
        var entry = Assert.Single(obj["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("tool", (string?)entry["manager"]);
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.Equal("""{"f:data":{"f:b":{}}}""", entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Conflict_Is409_WithFieldManagerConflictCauses()
    {
        var ns = await NamespaceAsync("ssa-http-conflict");
        using var http = new ApiHttp(fixture.Server);
        var create = await http.SendBodyAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?fieldManager=creator",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"conf"},"data":{"a":"1","b":"2"}}""");
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);

        var response = await http.SendBodyAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/conf?fieldManager=tool",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"conf"},"data":{"a":"x","b":"y"}}""", Apply);

        var message = await StatusAssert.IsFailureAsync(response, 409, "Conflict");
        Assert.Equal("Apply failed with 2 conflicts: conflicts with \"creator\" using v1:\n- .data.a\n- .data.b", message);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("""[{"reason":"FieldManagerConflict","message":"conflict with \"creator\" using v1","field":".data.a"},{"reason":"FieldManagerConflict","message":"conflict with \"creator\" using v1","field":".data.b"}]""",
            status["details"]!["causes"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }));

        var forced = await http.SendBodyAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/conf?fieldManager=tool&force=true",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"conf"},"data":{"a":"x"}}""", Apply);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        var managers = JsonNode.Parse(await forced.Content.ReadAsStringAsync(Ct))!["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal("""{"f:data":{"f:a":{}}}""", managers.Single(m => (string?)m!["manager"] == "tool")!["fieldsV1"]!.ToJsonString());
        Assert.Equal("""{"f:data":{".":{},"f:b":{}}}""", managers.Single(m => (string?)m!["manager"] == "creator")!["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task ApplyToStatus_IsRecordedAgainstTheSubresource()
    {
        var ns = await NamespaceAsync("ssa-http-status");
        using var http = new ApiHttp(fixture.Server);
        const string deployment = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx"}]}}}}
            """;
        Assert.Equal(HttpStatusCode.Created, (await http.SendBodyAsync(HttpMethod.Patch,
            $"/apis/apps/v1/namespaces/{ns}/deployments/web?fieldManager=deployer", deployment, Apply)).StatusCode);

        var response = await http.SendBodyAsync(HttpMethod.Patch, $"/apis/apps/v1/namespaces/{ns}/deployments/web/status?fieldManager=controller",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"status":{"observedGeneration":1}}""", Apply);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var obj = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(1, (int?)obj["status"]!["observedGeneration"]);
        var entry = obj["metadata"]!["managedFields"]!.AsArray().Single(m => (string?)m!["manager"] == "controller")!;
        Assert.Equal("status", (string?)entry["subresource"]);
        Assert.Equal("""{"f:status":{"f:observedGeneration":{}}}""", entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task WritesWithoutAFieldManager_AreCreditedToTheUserAgent()
    {
        var ns = await NamespaceAsync("ssa-http-user-agent");
        using var http = new ApiHttp(fixture.Server);
        var request = http.Request(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
            new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"conf"},"data":{"a":"1"}}""",
                System.Text.Encoding.UTF8, "application/json"));
        request.Headers.UserAgent.ParseAdd("my-operator/v1.2.3");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal(("my-operator", "Update"), ((string?)entry["manager"], (string?)entry["operation"]));
    }

    public static TheoryData<string, string, string, string, int, string, string> BadApplies => new()
    {
        { "no-field-manager", "", Apply, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target"}}""", 422, "Invalid",
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch" },
        { "force-on-merge-patch", "?fieldManager=tool&force=true", "application/merge-patch+json", """{"data":{"a":"2"}}""", 422, "Invalid",
            "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch" },
        { "bad-force", "?fieldManager=tool&force=maybe", Apply, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target"}}""", 400, "BadRequest",
            "force: invalid value \"maybe\": must be true or false" },
        { "invalid-yaml", "?fieldManager=tool", Apply, "metadata: [x\n  bad: : :", 400, "BadRequest", "" },
        { "not-an-object", "?fieldManager=tool", Apply, "- a\n- b\n", 400, "BadRequest", "" },
        { "no-kind", "?fieldManager=tool", Apply, """{"apiVersion":"v1","metadata":{"name":"target"}}""", 400, "BadRequest",
            "Object 'Kind' is missing in" },
        { "other-version", "?fieldManager=tool", Apply, """{"apiVersion":"apps/v1","kind":"ConfigMap","metadata":{"name":"target"}}""", 400, "BadRequest",
            "Incorrect version specified in apply patch. Specified patch version: apps/v1, expected: v1" },
        { "other-kind", "?fieldManager=tool", Apply, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"target"}}""", 422, "Invalid", "" },
        { "other-name", "?fieldManager=tool", Apply, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other"}}""", 400, "BadRequest",
            "the name of the object (other) does not match the name on the URL (target)" },
        { "managed-fields", "?fieldManager=tool", Apply,
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target","managedFields":[{"manager":"x","operation":"Apply"}]}}""", 400, "BadRequest",
            "metadata.managedFields must be nil" },
        { "duplicate-set-items", "?fieldManager=tool", Apply,
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target","finalizers":["a.io/x","a.io/x"]}}""", 400, "BadRequest",
            "failed to create typed patch object" },
        { "unknown-field-strict", "?fieldManager=tool&fieldValidation=Strict", Apply,
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target"},"spec":{"x":1}}""", 400, "BadRequest",
            "strict decoding error: unknown field \"spec\"" },
        { "conflict", "?fieldManager=tool", Apply, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target"},"data":{"a":"changed"}}""",
            409, "Conflict", "Apply failed with 1 conflict: conflict with \"creator\" using v1: .data.a" },
    };

    [Theory]
    [MemberData(nameof(BadApplies))]
    public async Task BadApply_GetsTheUpstreamStatus_AndChangesNothing(string name, string query, string contentType, string body,
        int code, string reason, string message)
    {
        var ns = await NamespaceAsync("ssa-bad-" + name);
        using var http = new ApiHttp(fixture.Server);
        var create = await http.SendBodyAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?fieldManager=creator",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target"},"data":{"a":"1"}}""");
        var before = await create.Content.ReadAsStringAsync(Ct);

        var response = await http.SendBodyAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/target{query}", body, contentType);

        Assert.Contains(message, await StatusAssert.IsFailureAsync(response, code, reason), StringComparison.Ordinal);
        var after = await (await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps/target")).Content.ReadAsStringAsync(Ct);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(before), JsonNode.Parse(after)), after);
    }

    private async Task<string> NamespaceAsync(string ns)
    {
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        return ns;
    }
}
