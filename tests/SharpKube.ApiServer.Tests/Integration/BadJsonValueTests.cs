using System.Net;
using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class BadJsonValueTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_WithInvalidUtf8InsideAString_IsBadRequestNotInternalError()
    {
        using var http = new ApiHttp(fixture.Server);
        byte[] body = [.. """{"metadata":{"name":"bad"""u8, 0xFF, .. "\"}}"u8];

        var response = await http.SendBytesAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body, "application/json");

        await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
    }

    [Fact]
    public async Task Create_WithADuplicateMember_KeepsTheLastValueLikeUpstream()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps?fieldValidation=Ignore",
            """{"metadata":{"name":"duplicate-member"},"data":{"a":"1","a":"2"}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("2", created.RootElement.GetProperty("data").GetProperty("a").GetString());
    }

    [Fact]
    public async Task MergePatch_WithInvalidUtf8_IsBadRequest()
    {
        using var http = new ApiHttp(fixture.Server);
        await http.SendBodyAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"patch-target"}}""");
        byte[] patch = [.. """{"data":{"k":"""u8, (byte)'"', 0xC3, 0x28, (byte)'"', .. "}}"u8];

        var response = await http.SendBytesAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/patch-target", patch,
            "application/merge-patch+json");

        await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
    }
}
