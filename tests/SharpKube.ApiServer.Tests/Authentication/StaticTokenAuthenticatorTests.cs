using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.Tests.Pki;

namespace SharpKube.ApiServer.Tests.Authentication;

public sealed class StaticTokenAuthenticatorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_known_token_gives_its_user_uid_and_groups()
    {
        var tokens = new StaticTokenAuthenticator();
        tokens.Add("secret-1", "alice", "uid-1", ["a", "b"]);
        tokens.Add("secret-2", "bob", null, []);

        var alice = tokens.AuthenticateToken("secret-1");
        var bob = tokens.AuthenticateToken("secret-2");

        Assert.Equal("alice", alice?.Name);
        Assert.Equal("uid-1", alice?.Uid);
        Assert.Equal(["a", "b"], alice?.Groups);
        Assert.Equal("bob", bob?.Name);
        Assert.Null(bob?.Uid);
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("secret-11")]
    [InlineData("SECRET-1")]
    [InlineData("")]
    public void An_unknown_token_gives_no_user(string token)
    {
        var tokens = new StaticTokenAuthenticator();
        tokens.Add("secret-1", "alice", "uid-1", []);

        Assert.Null(tokens.AuthenticateToken(token));
    }

    [Fact]
    public void Adding_a_known_token_again_replaces_its_user()
    {
        var tokens = new StaticTokenAuthenticator();
        tokens.Add("secret-1", "alice", "uid-1", []);
        tokens.Add("secret-1", "carol", "uid-3", []);

        Assert.Equal("carol", tokens.AuthenticateToken("secret-1")?.Name);
        Assert.Equal(1, tokens.Count);
    }

    [Fact]
    public void Long_tokens_such_as_jwts_are_compared_whole()
    {
        var jwt = new string('x', 5000) + "tail";
        var tokens = new StaticTokenAuthenticator();
        tokens.Add(jwt, "long", null, []);

        Assert.Equal("long", tokens.AuthenticateToken(jwt)?.Name);
        Assert.Null(tokens.AuthenticateToken(new string('x', 5000) + "tall"));
    }

    [Fact]
    public void An_upstream_token_auth_file_is_read()
    {
        var path = _directory.Combine("tokens.csv");
        File.WriteAllText(path, """
            31ada4fd-adec-460c-809a-9e56ceb75269,admin,admin-uid,"system:masters,ops"
            plain-token,viewer,viewer-uid

            spaced-token, spaced, spaced-uid, "g1"
            """);

        var tokens = StaticTokenAuthenticator.FromFile(path);

        var admin = tokens.AuthenticateToken("31ada4fd-adec-460c-809a-9e56ceb75269");
        Assert.Equal("admin", admin?.Name);
        Assert.Equal("admin-uid", admin?.Uid);
        Assert.Equal(["system:masters", "ops"], admin?.Groups);
        Assert.Equal([], tokens.AuthenticateToken("plain-token")?.Groups ?? ["missing"]);
        Assert.Equal("spaced", tokens.AuthenticateToken("spaced-token")?.Name);
        Assert.Equal(3, tokens.Count);
    }
}
