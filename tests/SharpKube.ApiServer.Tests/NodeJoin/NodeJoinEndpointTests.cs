using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.Tests.Authentication;
using SharpKube.ApiServer.Tests.Integration;
using SharpKube.ApiServer.Tests.Pki;

namespace SharpKube.ApiServer.Tests.NodeJoin;

public sealed class NodeJoinEndpointTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string CredentialsPath = "/v1-sharpkube/node-credentials";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cacerts_WithoutCredentials_AnswersTheClusterCaPem()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.GetAsync("/cacerts", authenticate: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var pem = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(fixture.DataDir, "pki", "ca.crt"), Ct), pem);
        using var served = X509Certificate2.CreateFromPem(pem);
        Assert.Equal(fixture.Server.Pki.CaCertificate.Thumbprint, served.Thumbprint);
    }

    [Fact]
    public async Task NodeCredentials_WithTheAdminToken_IssueTheNodesClientAndServingCertificates()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendAsync(http.Request(HttpMethod.Post, CredentialsPath,
            Json("""{"nodeName":"worker-7","addresses":["10.1.2.3","fd00::7","10.1.2.3"]}""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = body.RootElement;
        var ca = fixture.Server.Pki.CaCertificate;
        Assert.Equal("worker-7", root.GetProperty("nodeName").GetString());
        Assert.Equal(fixture.Server.Pki.CaCertificatePem, root.GetProperty("caCertificate").GetString());

        using var client = X509Certificate2.CreateFromPem(root.GetProperty("clientCertificate").GetString(), root.GetProperty("clientKey").GetString());
        Assert.Equal("system:node:worker-7", client.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal(["system:nodes"], CertificateAssertions.Organizations(client));
        Assert.True(CertificateAssertions.ChainsTo(client, ca, CertificateAssertions.ClientAuth));

        using var serving = X509Certificate2.CreateFromPem(root.GetProperty("servingCertificate").GetString(), root.GetProperty("servingKey").GetString());
        Assert.True(CertificateAssertions.ChainsTo(serving, ca, CertificateAssertions.ServerAuth));
        Assert.Contains("worker-7", CertificateAssertions.DnsNames(serving));
        Assert.Equal([IPAddress.Parse("10.1.2.3"), IPAddress.Parse("fd00::7")], CertificateAssertions.IpAddresses(serving));

        // The issued client certificate is accepted by the API server as the node.
        using var asNode = ClusterTlsClient.Create(fixture.Server.Pki, client);
        var (_, user, groups) = await ClusterTlsClient.WhoAmIAsync(asNode, fixture.Server.Url);
        Assert.Equal("system:node:worker-7", user);
        Assert.Contains(SystemGroups.Nodes, groups);
    }

    [Fact]
    public async Task NodeCredentials_WithoutCredentials_AreUnauthorized()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendAsync(http.Request(HttpMethod.Post, CredentialsPath, Json("""{"nodeName":"worker-1"}"""), authenticate: false));

        await StatusAssert.IsFailureAsync(response, 401, "Unauthorized");
    }

    [Fact]
    public async Task NodeCredentials_WithAnUnknownToken_AreUnauthorized()
    {
        using var client = ClusterTlsClient.Create(fixture.Server.Pki);
        using var request = Post(Json("""{"nodeName":"worker-1"}"""));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiHttp.AdminToken + "-wrong");

        var response = await client.SendAsync(request, Ct);

        await StatusAssert.IsFailureAsync(response, 401, "Unauthorized");
    }

    [Fact]
    public async Task NodeCredentials_ForANodeIdentity_AreForbidden()
    {
        using var nodeCertificate = fixture.Server.Pki.IssueClientCertificate("system:node:worker-2", [SystemGroups.Nodes]).CreateCertificate();
        using var client = ClusterTlsClient.Create(fixture.Server.Pki, nodeCertificate);
        using var request = Post(Json("""{"nodeName":"worker-3"}"""));

        var response = await client.SendAsync(request, Ct);

        var message = await StatusAssert.IsFailureAsync(response, 403, "Forbidden");
        Assert.Contains("system:node:worker-2", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeCredentials_ForAGet_AreMethodNotAllowed()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.GetAsync(CredentialsPath);

        await StatusAssert.IsFailureAsync(response, 405, "MethodNotAllowed");
    }

    [Theory]
    [InlineData("""{"addresses":["10.0.0.1"]}""", "nodeName: Required value")]
    [InlineData("""{"nodeName":""}""", "nodeName: Required value")]
    [InlineData("""{"nodeName":"Worker_1"}""", "nodeName: Invalid value")]
    [InlineData("""{"nodeName":"-worker"}""", "nodeName: Invalid value")]
    [InlineData("""{"nodeName":"worker-1","addresses":["10.1"]}""", "addresses[0]: Invalid value")]
    [InlineData("""{"nodeName":"worker-1","addresses":["10.0.0.1","not-an-ip"]}""", "addresses[1]: Invalid value")]
    [InlineData("""{"nodeName":"worker-1","addresses":["300.1.1.1"]}""", "addresses[0]: Invalid value")]
    [InlineData("""{"nodeName":"worker-1","addresses":["010.1.1.1"]}""", "addresses[0]: Invalid value")]
    [InlineData("""{"nodeName":"worker-1","addresses":["0.0.0.0"]}""", "addresses[0]: Invalid value")]
    [InlineData("""{"nodeName":"worker-1","addresses":["fe80::1%eth0"]}""", "addresses[0]: Invalid value")]
    [InlineData("""{"nodeName":"worker-1","addresses":[""]}""", "addresses[0]: Invalid value")]
    [InlineData("""{"nodeName":"worker-1","addresses":"10.0.0.1"}""", "not a valid node credentials request")]
    [InlineData("""{"nodeName":""", "not a valid node credentials request")]
    [InlineData("null", "must be a JSON object")]
    public async Task NodeCredentials_ForBadInput_AreABadRequest(string body, string expected)
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendAsync(http.Request(HttpMethod.Post, CredentialsPath, Json(body)));

        var message = await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeCredentials_ForANameLongerThan253Characters_AreABadRequest()
    {
        using var http = new ApiHttp(fixture.Server);

        var response = await http.SendAsync(http.Request(HttpMethod.Post, CredentialsPath, Json($$"""{"nodeName":"{{new string('a', 254)}}"}""")));

        var message = await StatusAssert.IsFailureAsync(response, 400, "BadRequest");
        Assert.Contains("must be no more than 253 characters", message, StringComparison.Ordinal);
    }

    private HttpRequestMessage Post(HttpContent content) =>
        new(HttpMethod.Post, new Uri(fixture.Server.Url, CredentialsPath)) { Content = content };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
