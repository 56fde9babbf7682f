using Microsoft.AspNetCore.Http;
using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.Pki;
using SharpKube.ApiServer.Tests.Pki;

namespace SharpKube.ApiServer.Tests.Authentication;

public sealed class RequestAuthenticatorTests : IDisposable
{
    private readonly TempDirectory _dataDir = new();
    private readonly RequestAuthenticator _authenticator;

    public RequestAuthenticatorTests()
    {
        var first = new StaticTokenAuthenticator();
        first.Add("t-first", "first", null, ["system:authenticated", "g"]);
        var second = new StaticTokenAuthenticator();
        second.Add("t-second", "second", null, []);
        _authenticator = new RequestAuthenticator(first, second);
    }

    public void Dispose() => _dataDir.Dispose();

    [Theory]
    [InlineData("Bearer t-first")]
    [InlineData("bearer t-first")]
    [InlineData("  Bearer   t-first  ")]
    public void The_bearer_scheme_is_case_insensitive_and_spaces_are_ignored(string header)
    {
        Assert.Equal("first", _authenticator.Authenticate(WithAuthorization(header))?.Name);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearert-first")]
    [InlineData("t-first")]
    public void Headers_that_are_not_a_bearer_token_give_no_user(string header)
    {
        Assert.Null(_authenticator.Authenticate(WithAuthorization(header)));
    }

    [Fact]
    public void Token_authenticators_are_tried_in_order()
    {
        Assert.Equal("second", _authenticator.Authenticate(WithAuthorization("Bearer t-second"))?.Name);
    }

    [Fact]
    public void System_authenticated_is_added_once()
    {
        var user = _authenticator.Authenticate(WithAuthorization("Bearer t-first"));

        Assert.Equal(["system:authenticated", "g"], user?.Groups);
    }

    [Fact]
    public void A_client_certificate_wins_over_a_token_and_gives_its_cn_and_organizations()
    {
        var pki = ClusterPki.LoadOrCreate(_dataDir.Combine("pki"), new PkiOptions(), TimeProvider.System);
        var context = WithAuthorization("Bearer t-first");
        context.Connection.ClientCertificate = pki.IssueClientCertificate("system:node:n1", ["system:nodes", "extra"]).CreateCertificate();

        var user = _authenticator.Authenticate(context);

        Assert.Equal("system:node:n1", user?.Name);
        Assert.Null(user?.Uid);
        Assert.Equal(["system:nodes", "extra", "system:authenticated"], user?.Groups);
    }

    [Fact]
    public void A_request_without_credentials_gives_no_user()
    {
        Assert.Null(_authenticator.Authenticate(new DefaultHttpContext()));
    }

    private static DefaultHttpContext WithAuthorization(string header)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = header;
        return context;
    }
}
