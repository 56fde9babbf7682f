using System.Net;
using System.Text.Json;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class NonResourceEndpointTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Version_ReportsApiLevel132_WithoutCredentials()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.GetAsync("/version", authenticate: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var version = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("1", version.RootElement.GetProperty("major").GetString());
        Assert.Equal("32", version.RootElement.GetProperty("minor").GetString());
        Assert.StartsWith("v1.32.", version.RootElement.GetProperty("gitVersion").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    public async Task HealthEndpoints_AnswerOk_WithoutCredentials(string path)
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.GetAsync(path, authenticate: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Metrics_CountRequestsAndTheirDurations_WithUpstreamLabels()
    {
        using var http = new ApiHttp(fixture.Server);
        (await http.GetAsync("/api/v1/namespaces/default/configmaps")).EnsureSuccessStatusCode();
        (await http.GetAsync("/api/v1/namespaces/default/configmaps/does-not-exist")).Dispose();

        var response = await http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("apiserver_request_total{verb=\"LIST\",dry_run=\"\",group=\"\",version=\"v1\",resource=\"configmaps\",subresource=\"\",scope=\"namespace\",component=\"apiserver\",code=\"200\"}", text, StringComparison.Ordinal);
        Assert.Contains("apiserver_request_total{verb=\"GET\",dry_run=\"\",group=\"\",version=\"v1\",resource=\"configmaps\",subresource=\"\",scope=\"resource\",component=\"apiserver\",code=\"404\"}", text, StringComparison.Ordinal);
        Assert.Contains("apiserver_request_duration_seconds_bucket{verb=\"LIST\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_NeedCredentials()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.GetAsync("/metrics", authenticate: false);

        await StatusAssert.IsFailureAsync(response, 401, "Unauthorized");
    }

    [Fact]
    public async Task OpenApiV2_IsNotFound_AsKubectlExpectsWhenItIsNotServedInProtobuf()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.GetAsync("/openapi/v2", accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");

        await StatusAssert.IsFailureAsync(response, 404, "NotFound");
    }
}
