using System.Security.Cryptography;

namespace SharpKube.ApiMachinery.Discovery;

/// <summary>
/// Strong HTTP entity tags for documents that only change when the server's API surface changes
/// (discovery, OpenAPI), so clients can revalidate with If-None-Match and get 304.
/// </summary>
public static class EntityTag
{
    /// <summary>The quoted tag of a body: uppercase hex SHA-512, as kube-apiserver computes it.</summary>
    public static string For(ReadOnlySpan<byte> body) => "\"" + Hash(body) + "\"";

    /// <summary>The unquoted uppercase hex SHA-512 of a body (also the OpenAPI v3 <c>hash</c> parameter).</summary>
    public static string Hash(ReadOnlySpan<byte> body) => Convert.ToHexString(SHA512.HashData(body));

    /// <summary>
    /// True when an If-None-Match header value names <paramref name="etag"/> (or is <c>*</c>), i.e. the client's
    /// copy is current and the server may answer 304 Not Modified.
    /// </summary>
    public static bool Matches(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch))
        {
            return false;
        }
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (tag == "*" || tag == etag)
            {
                return true;
            }
        }
        return false;
    }
}
