using System.Net;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Fields a patch adds that the kind does not have: refused under Strict, warned about under Warn, never stored.</summary>
public sealed class PatchFieldValidationTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("application/json-patch+json", """[{"op":"add","path":"/spec","value":{"bogus":1}}]""")]
    [InlineData("application/merge-patch+json", """{"spec":{"bogus":1}}""")]
    public async Task Patch_AddingAnUnknownFieldUnderStrict_IsInvalid(string contentType, string body)
    {
        var rv = await SeedAsync("pfv-strict-" + contentType[12..16]);
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Patch,
            $"/api/v1/namespaces/pfv-strict-{contentType[12..16]}/configmaps/settings?fieldValidation=Strict", body, contentType);

        var message = await StatusAssert.IsFailureAsync(response, 422, "Invalid");
        Assert.StartsWith(" \"\" is invalid: patch: Invalid value: ", message, StringComparison.Ordinal);
        Assert.EndsWith(": strict decoding error: unknown field \"spec\"", message, StringComparison.Ordinal);
        Assert.Equal(rv, (await GetAsync(http, "pfv-strict-" + contentType[12..16]))["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_AddingAnUnknownFieldUnderWarn_WarnsAndDropsIt()
    {
        await SeedAsync("pfv-warn");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Patch, "/api/v1/namespaces/pfv-warn/configmaps/settings?fieldValidation=Warn",
            """{"bogus":1,"data":{"a":"2"}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("299 - \"unknown field \\\"bogus\\\"\"", Assert.Single(response.Headers.GetValues("Warning")));
        var stored = await GetAsync(http, "pfv-warn");
        Assert.Null(stored["bogus"]);
        Assert.Equal("2", stored["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonPatch_WithAnUnknownOperationMember_IsInvalidUnderStrictAndWarnedUnderWarn()
    {
        await SeedAsync("pfv-op-member");
        using var http = new ApiHttp(fixture.Server);
        const string body = """[{"op":"replace","path":"/data/a","value":"2","xyz":1}]""";

        var strict = await http.SendBodyAsync(HttpMethod.Patch,
            "/api/v1/namespaces/pfv-op-member/configmaps/settings?fieldValidation=Strict", body, "application/json-patch+json");
        var warn = await http.SendBodyAsync(HttpMethod.Patch,
            "/api/v1/namespaces/pfv-op-member/configmaps/settings?fieldValidation=Warn", body, "application/json-patch+json");

        var message = await StatusAssert.IsFailureAsync(strict, 422, "Invalid");
        Assert.EndsWith(": strict decoding error: json patch unknown field \"[0].xyz\"", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, warn.StatusCode);
        Assert.Equal("299 - \"json patch unknown field \\\"[0].xyz\\\"\"", Assert.Single(warn.Headers.GetValues("Warning")));
        Assert.Equal("2", (await GetAsync(http, "pfv-op-member"))["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_AddingAnUnknownFieldUnderIgnore_DropsItSilently()
    {
        await SeedAsync("pfv-ignore");
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Patch, "/api/v1/namespaces/pfv-ignore/configmaps/settings?fieldValidation=Ignore",
            """[{"op":"add","path":"/bogus","value":1}]""", "application/json-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Warning"));
        Assert.Null((await GetAsync(http, "pfv-ignore"))["bogus"]);
    }

    private async Task<string> SeedAsync(string ns)
    {
        await TestObjects.NamespaceAsync(fixture.Client, ns);
        return (await TestObjects.ConfigMapAsync(fixture.Client, ns, "settings")).Metadata.ResourceVersion;
    }

    private static async Task<JsonNode> GetAsync(ApiHttp http, string ns)
    {
        var response = await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps/settings");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }
}
