using k8s;
using k8s.Models;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>PATCH bodies the server refuses, each with upstream's status, leaving the object untouched; and dry runs.</summary>
public sealed class JsonPatchBadInputTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string JsonPatch = "application/json-patch+json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, int, string, string> RefusedPatches => new()
    {
        { "not-an-array", JsonPatch, """{"op":"add","path":"/data/x","value":"y"}""", 400, "BadRequest",
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch" },
        { "unparseable", JsonPatch, """[{"op":"add",""", 400, "BadRequest", "error decoding patch: " },
        { "unparseable-merge", "application/merge-patch+json", """{"data":""", 400, "BadRequest", "error decoding patch: " },
        { "unknown-op", JsonPatch, """[{"op":"frob","path":"/data"}]""", 422, "Invalid",
            "the server rejected our request due to an error in our request" },
        { "renames", JsonPatch, """[{"op":"replace","path":"/metadata/name","value":"other"}]""", 400, "BadRequest",
            "the name of the object (other) does not match the name on the URL (sentinel)" },
        { "drops-name", JsonPatch, """[{"op":"remove","path":"/metadata/name"}]""", 400, "BadRequest",
            "the name of the object () does not match the name on the URL (sentinel)" },
        { "moves-namespace", "application/merge-patch+json", """{"metadata":{"namespace":"default"}}""", 400, "BadRequest",
            "the namespace of the provided object does not match the namespace sent on the request" },
        // Upstream renders the empty group-kind, so the message starts with a space.
        { "changes-kind", JsonPatch, """[{"op":"replace","path":"/kind","value":"Secret"}]""", 422, "Invalid", " \"\" is invalid: patch: " },
        { "strategic", "application/strategic-merge-patch+json", """{"data":{"$patch":"explode"}}""", 400, "BadRequest",
            "invalid strategic merge patch: " },
    };

    [Theory]
    [MemberData(nameof(RefusedPatches))]
    public async Task Patch_Refused_AnswersUpstreamsStatusAndChangesNothing(string ns, string contentType, string body, int code,
        string reason, string messageStart)
    {
        var sentinel = await SentinelAsync("jp-bad-" + ns);
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Patch, $"/api/v1/namespaces/jp-bad-{ns}/configmaps/sentinel", body, contentType);

        var message = await StatusAssert.IsFailureAsync(response, code, reason);
        Assert.StartsWith(messageStart, message, StringComparison.Ordinal);
        Assert.Equal(sentinel, await ResourceVersionAsync(http, "jp-bad-" + ns));
    }

    [Fact]
    public async Task Patch_WithTooManyOperations_IsRequestEntityTooLarge()
    {
        var sentinel = await SentinelAsync("jp-bad-too-many");
        using var http = new ApiHttp(fixture.Server);
        var body = new StringBuilder("[");
        for (var i = 0; i <= 10000; i++)
        {
            body.Append(i == 0 ? "" : ",").Append("""{"op":"test","path":"/data/value","value":"v"}""");
        }

        var response = await http.SendBodyAsync(HttpMethod.Patch, "/api/v1/namespaces/jp-bad-too-many/configmaps/sentinel",
            body.Append(']').ToString(), JsonPatch);

        var message = await StatusAssert.IsFailureAsync(response, 413, "RequestEntityTooLarge");
        Assert.Equal("Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001", message);
        Assert.Equal(sentinel, await ResourceVersionAsync(http, "jp-bad-too-many"));
    }

    [Fact]
    public async Task Patch_OfAMissingObject_IsNotFoundEvenWithABadBody()
    {
        await TestObjects.NamespaceAsync(fixture.Client, "jp-bad-missing");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Patch, "/api/v1/namespaces/jp-bad-missing/configmaps/ghost", "[{", JsonPatch);

        var message = await StatusAssert.IsFailureAsync(response, 404, "NotFound");
        Assert.Equal("configmaps \"ghost\" not found", message);
    }

    [Fact]
    public async Task Patch_WithDryRun_AnswersThePatchedObjectButStoresNothing()
    {
        var sentinel = await SentinelAsync("jp-dry-run");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Patch, "/api/v1/namespaces/jp-dry-run/configmaps/sentinel?dryRun=All",
            """[{"op":"replace","path":"/data/value","value":"dry"}]""", JsonPatch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dry", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["data"]!["value"]);
        Assert.Equal(sentinel, await ResourceVersionAsync(http, "jp-dry-run"));
        var live = await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("sentinel", "jp-dry-run", cancellationToken: Ct);
        Assert.Equal("v", live.Data["value"]);
    }

    [Fact]
    public async Task Patch_ThroughTheClient_WithJsonPatchType_Works()
    {
        await SentinelAsync("jp-client");

        var patched = await fixture.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""[{"op":"add","path":"/data/extra","value":"x"}]""", V1Patch.PatchType.JsonPatch),
            "sentinel", "jp-client", cancellationToken: Ct);

        Assert.Equal("x", patched.Data["extra"]);
    }

    private async Task<string> SentinelAsync(string ns)
    {
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        return (await TestObjects.ConfigMapAsync(fixture.Client, ns, "sentinel")).Metadata.ResourceVersion;
    }

    private static async Task<string?> ResourceVersionAsync(ApiHttp http, string ns)
    {
        var response = await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps/sentinel");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["metadata"]!["resourceVersion"];
    }
}
