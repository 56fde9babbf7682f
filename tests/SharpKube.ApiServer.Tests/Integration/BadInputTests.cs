using System.Net;
using System.Text;
using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// Malformed or refused requests get upstream's status code and reason in a Status body, leave nothing
/// half-written, and the server keeps serving.
/// </summary>
public sealed class BadInputTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A namespace holding one sentinel config map; returns the sentinel's resourceVersion.</summary>
    private async Task<string> SentinelAsync(string ns)
    {
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        return (await TestObjects.ConfigMapAsync(fixture.Client, ns, "sentinel")).Metadata.ResourceVersion;
    }

    /// <summary>The namespace still holds only the untouched sentinel, and the server answers a normal request.</summary>
    private async Task AssertUnchangedAsync(ApiHttp http, string ns, string sentinelRv)
    {
        var response = await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var item = Assert.Single(list.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("sentinel", item.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(sentinelRv, item.GetProperty("metadata").GetProperty("resourceVersion").GetString());
    }

    public static TheoryData<string, string, string, int, string, string> CreateBodies => new()
    {
        { "malformed-json", "application/json", """{"metadata":{"name":"x"}""", 400, "BadRequest", "" },
        { "json-array", "application/json", """[{"metadata":{"name":"x"}}]""", 400, "BadRequest", "" },
        { "json-string", "application/json", "\"configmap\"", 400, "BadRequest", "" },
        { "invalid-yaml", "application/yaml", "metadata:\n  name: [x\n  bad: : :", 400, "BadRequest", "" },
        { "wrong-kind", "application/json", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}""", 400, "BadRequest",
            "Secret in version \"v1\" cannot be handled as a ConfigMap" },
        { "wrong-api-version", "application/json", """{"apiVersion":"apps/v1","kind":"ConfigMap","metadata":{"name":"x"}}""", 400, "BadRequest",
            "the API version in the data (apps/v1) does not match the expected API version (v1)" },
        { "other-namespace", "application/json", """{"metadata":{"name":"x","namespace":"elsewhere"}}""", 400, "BadRequest",
            "the namespace of the provided object does not match the namespace sent on the request" },
        { "unknown-content-type", "text/plain", """{"metadata":{"name":"x"}}""", 415, "UnsupportedMediaType", "" },
    };

    [Theory]
    [MemberData(nameof(CreateBodies))]
    public async Task Create_WithABadBody_IsRefusedWithAStatus_AndWritesNothing(string ns, string contentType, string body, int code,
        string reason, string message)
    {
        var sentinel = await SentinelAsync("bad-" + ns);
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, $"/api/v1/namespaces/bad-{ns}/configmaps", body, contentType);

        Assert.StartsWith(message, await StatusAssert.IsFailureAsync(response, code, reason), StringComparison.Ordinal);
        await AssertUnchangedAsync(http, "bad-" + ns, sentinel);
    }

    [Fact]
    public async Task Create_WithAValidYamlBody_Succeeds()
    {
        await SentinelAsync("bad-valid-yaml");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/bad-valid-yaml/configmaps",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  key: value\n", "application/yaml");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("value", created.RootElement.GetProperty("data").GetProperty("key").GetString());
    }

    [Fact]
    public async Task Create_WithNonUtf8Bytes_IsBadRequest()
    {
        var sentinel = await SentinelAsync("bad-non-utf8");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/bad-non-utf8/configmaps",
            [0xFF, 0xFE, 0x7B, 0xC3, 0x28, 0x7D], "application/json");

        await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
        await AssertUnchangedAsync(http, "bad-non-utf8", sentinel);
    }

    [Fact]
    public async Task Create_WithABodyOverThreeMebibytes_IsRequestEntityTooLarge()
    {
        var sentinel = await SentinelAsync("bad-too-large");
        using var http = new ApiHttp(fixture.Server);
        var body = $$$"""{"metadata":{"name":"huge"},"data":{"big":"{{{new string('x', 3 * 1024 * 1024)}}}"}}""";

        var response = await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/bad-too-large/configmaps", body);

        var message = await StatusAssert.IsFailureAsync(response, 413, "RequestEntityTooLarge");
        Assert.Equal("Request entity too large: limit is 3145728", message);
        await AssertUnchangedAsync(http, "bad-too-large", sentinel);
    }

    [Fact]
    public async Task Put_WithANameDifferentFromTheUrl_IsBadRequest()
    {
        var sentinel = await SentinelAsync("bad-put-name");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Put, "/api/v1/namespaces/bad-put-name/configmaps/sentinel",
            $$$"""{"metadata":{"name":"other","resourceVersion":"{{{sentinel}}}"},"data":{"value":"changed"}}""");

        var message = await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
        Assert.Equal("the name of the object (other) does not match the name on the URL (sentinel)", message);
        await AssertUnchangedAsync(http, "bad-put-name", sentinel);
    }

    [Fact]
    public async Task Put_WithANamespaceDifferentFromTheUrl_IsBadRequest()
    {
        var sentinel = await SentinelAsync("bad-put-namespace");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Put, "/api/v1/namespaces/bad-put-namespace/configmaps/sentinel",
            $$$"""{"metadata":{"name":"sentinel","namespace":"default","resourceVersion":"{{{sentinel}}}"},"data":{"value":"changed"}}""");

        await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
        await AssertUnchangedAsync(http, "bad-put-namespace", sentinel);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Patch_WithAnUnsupportedContentType_IsUnsupportedMediaType(string contentType)
    {
        var ns = "bad-patch-" + contentType.Replace('/', '-');
        var sentinel = await SentinelAsync(ns);
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/sentinel",
            """{"data":{"value":"changed"}}""", contentType);

        await StatusAssert.IsFailureAsync(response, 415, "UnsupportedMediaType");
        await AssertUnchangedAsync(http, ns, sentinel);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/widgets")]
    [InlineData("/api/v1/namespaces/default/widgets/x")]
    [InlineData("/apis/widgets.example.com/v1/widgets")]
    [InlineData("/apis/apps/v9/deployments")]
    [InlineData("/api/v2/pods")]
    [InlineData("/not-an-api")]
    public async Task Get_OfAnUnknownResourceGroupOrVersion_IsNotFoundWithAStatus(string path)
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.GetAsync(path);

        Assert.Equal("the server could not find the requested resource", await StatusAssert.IsFailureAsync(response, 404, "NotFound"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces/default")).StatusCode);
    }

    [Fact]
    public async Task Post_ToAnUnknownResource_IsNotFound_AndWritesNothing()
    {
        var sentinel = await SentinelAsync("bad-unknown-resource");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/bad-unknown-resource/widgets", """{"metadata":{"name":"x"}}""");

        await StatusAssert.IsFailureAsync(response, 404, "NotFound");
        await AssertUnchangedAsync(http, "bad-unknown-resource", sentinel);
    }

    [Theory]
    [InlineData("limit=-1", "")]
    [InlineData("limit=abc", "")]
    [InlineData("limit=1.5", "")]
    [InlineData("resourceVersion=abc", "")]
    [InlineData("resourceVersion=-5", "")]
    [InlineData("labelSelector=a%20b%20c", "")]
    [InlineData("labelSelector=app%20in%20(x", "")]
    [InlineData("labelSelector=%21%21x", "")]
    [InlineData("fieldSelector=metadata.name%3D%3D%3Dx", "")]
    [InlineData("fieldSelector=spec.nonsense%3Dx", "\"spec.nonsense\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("watch=maybe", "")]
    [InlineData("continue=not-a-token", "")]
    [InlineData("resourceVersionMatch=Sometimes&resourceVersion=1", "")]
    public async Task List_WithAMalformedQuery_IsBadRequest(string query, string message)
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.GetAsync($"/api/v1/namespaces/default/configmaps?{query}");

        Assert.Contains(message, await StatusAssert.IsFailureAsync(response, 400, "BadRequest"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces/default/configmaps?limit=1")).StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/api/v1/namespaces/default/configmaps")]
    [InlineData("PATCH", "/api/v1/namespaces/default/configmaps")]
    [InlineData("POST", "/api/v1/namespaces/default/configmaps/x")]
    [InlineData("POST", "/api/v1")]
    public async Task UnsupportedMethod_IsMethodNotAllowed(string method, string path)
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(new HttpMethod(method), path, """{"metadata":{"name":"x"}}""");

        await StatusAssert.IsFailureAsync(response, 405, "MethodNotAllowed");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/namespaces/default/configmaps/x")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    [InlineData("")]
    public async Task Request_WithMissingOrInvalidCredentials_IsUnauthorized(string? token)
    {
        var ns = token switch { null => "bad-auth-none", "" => "bad-auth-empty", _ => "bad-auth-wrong" };
        var sentinel = await SentinelAsync(ns);
        using var http = new ApiHttp(fixture.Server);

        foreach (var (method, path) in new[] { (HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps"), (HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps"),
            (HttpMethod.Get, "/api"), (HttpMethod.Get, "/openapi/v3"), (HttpMethod.Get, "/metrics") })
        {
            var request = http.Request(method, path, new StringContent("""{"metadata":{"name":"x"}}""", Encoding.UTF8, "application/json"), authenticate: false);
            if (token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            var response = await http.SendAsync(request);

            Assert.Equal("Unauthorized", await StatusAssert.IsFailureAsync(response, 401, "Unauthorized"));
        }
        await AssertUnchangedAsync(http, ns, sentinel);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    [InlineData("/version")]
    public async Task HealthAndVersion_AnswerWithoutCredentials(string path)
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.GetAsync(path, authenticate: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
