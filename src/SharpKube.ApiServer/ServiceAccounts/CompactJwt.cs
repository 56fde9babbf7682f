using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>
/// A JSON Web Token in the JWS compact serialization (<c>header.claims.signature</c>, each part unpadded base64url),
/// as service account tokens are sent.
/// </summary>
/// <param name="Header">The protected header.</param>
/// <param name="Claims">The claims set.</param>
/// <param name="SigningInput">The bytes the signature covers: the first two parts and the dot between them.</param>
/// <param name="Signature">The signature.</param>
internal sealed record CompactJwt(JsonObject Header, JsonObject Claims, byte[] SigningInput, byte[] Signature)
{
    // Tokens longer than this are not ours; refusing them early bounds the work an unauthenticated caller causes.
    private const int MaxTokenLength = 16 * 1024;

    /// <summary>Serializes and signs a token.</summary>
    public static string Create(JsonObject header, JsonObject claims, Func<byte[], byte[]> sign)
    {
        var signingInput = Part(header) + "." + Part(claims);
        var signature = sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Parses a compact token without checking its signature; null when it is not a well-formed JWS.</summary>
    public static CompactJwt? TryParse(string token)
    {
        if (token.Length > MaxTokenLength)
        {
            return null;
        }
        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || token.IndexOf('.', firstDot + 1) != lastDot)
        {
            return null;
        }
        try
        {
            var header = ParseObject(token.AsSpan(0, firstDot));
            var claims = ParseObject(token.AsSpan(firstDot + 1, lastDot - firstDot - 1));
            var signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
            if (header is null || claims is null)
            {
                return null;
            }
            return new CompactJwt(header, claims, Encoding.ASCII.GetBytes(token[..lastDot]), signature);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string Part(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static JsonObject? ParseObject(ReadOnlySpan<char> part) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(part)) as JsonObject;
}
