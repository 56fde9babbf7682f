using SharpKube.Cli.Commands;

namespace SharpKube.Cli.Tests.Commands;

public sealed class AgentTokenTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("plain-token", "plain-token")]
    [InlineData("K10-but-no-separator", "K10-but-no-separator")]
    [InlineData("a::b", "a::b")]
    public void Parse_APlainToken_IsTheBearerTokenWithoutAHash(string token, string bearer)
    {
        var parsed = AgentToken.Parse(token);

        Assert.Equal(bearer, parsed.BearerToken);
        Assert.Null(parsed.CaHash);
    }

    [Theory]
    [InlineData("K10" + Hash + "::server:secret", "secret")]
    [InlineData("K10" + Hash + "::secret", "secret")]
    [InlineData("K10" + Hash + "::node:secret", "node:secret")]
    public void Parse_AK10Token_PinsTheCaHashAndSendsTheServerToken(string token, string bearer)
    {
        var parsed = AgentToken.Parse(token);

        Assert.Equal(bearer, parsed.BearerToken);
        Assert.Equal(Hash, parsed.CaHash);
    }

    [Fact]
    public void Parse_AK10TokenWithAnUpperCaseHash_ComparesInLowerCase()
    {
        Assert.Equal(Hash, AgentToken.Parse("K10" + Hash.ToUpperInvariant() + "::server:secret").CaHash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("K10abc::server:secret")]
    [InlineData("K10" + Hash + "::server:")]
    [InlineData("K10" + Hash + "::")]
    [InlineData("K10zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef::server:secret")]
    public void Parse_AMalformedToken_IsRefused(string token)
    {
        Assert.Throws<FormatException>(() => AgentToken.Parse(token));
    }

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        Assert.DoesNotContain("hunter2", AgentToken.Parse("K10" + Hash + "::server:hunter2").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", AgentToken.Parse("hunter2").ToString(), StringComparison.Ordinal);
    }
}
