using System.Security.Cryptography;

namespace SharpKube.Cli.Commands;

/// <summary>
/// The <c>--token</c> an agent joins with. A plain token is the server's <c>--token</c> itself. The k3s form
/// <c>K10&lt;sha256 of the CA certificate PEM, hex&gt;::server:&lt;token&gt;</c> also pins the cluster CA: the agent
/// trusts the CA served at <c>/cacerts</c> only if its hash matches, so no one between the agent and the server can
/// stand in for it.
/// </summary>
/// <param name="BearerToken">The secret sent as <c>Authorization: Bearer</c>.</param>
/// <param name="CaHash">The expected SHA-256 of the CA bundle (lower-case hex), or null for a plain token.</param>
internal sealed record AgentToken(string BearerToken, string? CaHash)
{
    private const string SecurePrefix = "K10";
    private const string Separator = "::";
    private const string ServerUser = "server:";

    /// <summary>Reads a plain or a <c>K10…::…</c> token.</summary>
    /// <exception cref="FormatException">The token is empty, or a <c>K10</c> token with a malformed hash or no secret.</exception>
    public static AgentToken Parse(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new FormatException("--token must not be empty");
        }
        var separator = token.IndexOf(Separator, StringComparison.Ordinal);
        if (!token.StartsWith(SecurePrefix, StringComparison.Ordinal) || separator < 0)
        {
            return new AgentToken(token, null);
        }
        var hash = token[SecurePrefix.Length..separator];
        if (hash.Length != SHA256.HashSizeInBytes * 2 || !hash.All(char.IsAsciiHexDigit))
        {
            throw new FormatException("--token: the CA hash of a K10 token must be 64 hexadecimal digits (the SHA-256 of the server's CA certificate)");
        }
        var secret = token[(separator + Separator.Length)..];
        // k3s names the user before the password ("server:PASSWORD"); the password is the server's --token.
        if (secret.StartsWith(ServerUser, StringComparison.Ordinal))
        {
            secret = secret[ServerUser.Length..];
        }
        if (secret.Length == 0)
        {
            throw new FormatException("--token: a K10 token needs the server's token after \"::\"");
        }
        return new AgentToken(secret, hash.ToLowerInvariant());
    }

    /// <summary>The hash a K10 token carries for <paramref name="caBundle"/> (the bytes <c>/cacerts</c> answers).</summary>
    public static string HashOf(ReadOnlySpan<byte> caBundle) => Convert.ToHexStringLower(SHA256.HashData(caBundle));

    /// <summary>The secret never appears in logs or exception messages.</summary>
    public override string ToString() => CaHash is null ? "token" : $"K10{CaHash}::<secret>";
}
