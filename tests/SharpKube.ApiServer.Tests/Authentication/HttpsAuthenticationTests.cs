using System.Net;
using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.Pki;
using SharpKube.ApiServer.Tests.Pki;

namespace SharpKube.ApiServer.Tests.Authentication;

public sealed class HttpsAuthenticationTests : IAsyncLifetime
{
    private const string Token = "0123456789abcdef-test-token";

    private readonly TempDirectory _dataDir = new();
    private readonly StaticTokenAuthenticator _tokens = new();
    private ClusterPki _pki = null!;
    private WhoAmIServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _pki = ClusterPki.LoadOrCreate(_dataDir.Combine("pki"), new PkiOptions(), TimeProvider.System);
        _tokens.Add(Token, "jane", "uid-jane", ["developers"]);
        _server = await WhoAmIServer.StartAsync(_pki, new RequestAuthenticator(_tokens));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _dataDir.Dispose();
    }

    [Fact]
    public async Task The_admin_client_certificate_authenticates_as_system_admin_in_system_masters()
    {
        using var certificate = _pki.Admin.CreateCertificate();
        using var client = ClusterTlsClient.Create(_pki, certificate);

        var (response, user, groups) = await ClusterTlsClient.WhoAmIAsync(client, _server.Address);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("system:admin", user);
        Assert.Equal(["system:masters", "system:authenticated"], groups);
    }

    [Fact]
    public async Task A_node_certificate_issued_on_demand_authenticates_as_the_node()
    {
        using var certificate = _pki.IssueClientCertificate("system:node:worker-1", [SystemGroups.Nodes]).CreateCertificate();
        using var client = ClusterTlsClient.Create(_pki, certificate);

        var (_, user, groups) = await ClusterTlsClient.WhoAmIAsync(client, _server.Address);

        Assert.Equal("system:node:worker-1", user);
        Assert.Equal(["system:nodes", "system:authenticated"], groups);
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused_in_the_tls_handshake()
    {
        using var otherDataDir = new TempDirectory();
        var otherPki = ClusterPki.LoadOrCreate(otherDataDir.Combine("pki"), new PkiOptions(), TimeProvider.System);
        using var certificate = otherPki.Admin.CreateCertificate();
        using var client = ClusterTlsClient.Create(_pki, certificate);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => ClusterTlsClient.WhoAmIAsync(client, _server.Address));
    }

    [Fact]
    public async Task A_server_certificate_cannot_be_used_as_a_client_certificate()
    {
        using var client = ClusterTlsClient.Create(_pki, _pki.ServingCertificate);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => ClusterTlsClient.WhoAmIAsync(client, _server.Address));
    }

    [Fact]
    public async Task A_known_bearer_token_authenticates_as_its_user()
    {
        using var client = ClusterTlsClient.Create(_pki);

        var (response, user, groups) = await ClusterTlsClient.WhoAmIAsync(client, _server.Address, bearerToken: Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("jane", user);
        Assert.Equal(["developers", "system:authenticated"], groups);
    }

    [Fact]
    public async Task An_unknown_bearer_token_is_unauthorized()
    {
        using var client = ClusterTlsClient.Create(_pki);

        var (response, user, _) = await ClusterTlsClient.WhoAmIAsync(client, _server.Address, bearerToken: Token + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(user);
    }

    [Fact]
    public async Task A_request_without_credentials_is_unauthorized()
    {
        using var client = ClusterTlsClient.Create(_pki);

        var (response, _, _) = await ClusterTlsClient.WhoAmIAsync(client, _server.Address);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Http2_is_negotiated_through_alpn_and_the_client_certificate_still_applies()
    {
        using var certificate = _pki.Admin.CreateCertificate();
        using var client = ClusterTlsClient.Create(_pki, certificate);

        var (response, user, _) = await ClusterTlsClient.WhoAmIAsync(client, _server.Address, HttpVersion.Version20);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("system:admin", user);
    }

    [Fact]
    public async Task Http11_is_still_served()
    {
        using var client = ClusterTlsClient.Create(_pki);

        var (response, _, _) = await ClusterTlsClient.WhoAmIAsync(client, _server.Address, HttpVersion.Version11, Token);

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task The_serving_certificate_is_accepted_for_localhost_by_a_client_that_trusts_only_the_cluster_ca()
    {
        using var client = ClusterTlsClient.Create(_pki);
        var localhost = new UriBuilder(_server.Address) { Host = "localhost" }.Uri;

        var (response, _, _) = await ClusterTlsClient.WhoAmIAsync(client, localhost, bearerToken: Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
