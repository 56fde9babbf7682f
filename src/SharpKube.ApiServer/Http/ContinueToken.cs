using System.Text;
using System.Text.Json;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Http;

/// <summary>
/// The opaque <c>continue</c> value of a paginated LIST: the revision the first page was read at and the
/// last key returned, base64-encoded JSON like upstream's.
/// </summary>
/// <param name="Revision">The revision every page is read at.</param>
/// <param name="StartAfterKey">The datastore key the next page starts after.</param>
public sealed record ContinueToken(long Revision, string StartAfterKey)
{
    /// <summary>Encodes the token.</summary>
    public string Encode()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["v"] = "meta.k8s.io/v1",
            ["rv"] = Revision,
            ["start"] = StartAfterKey,
        });
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes a token; 400 BadRequest when it is malformed.</summary>
    public static ContinueToken Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            using var document = JsonDocument.Parse(Convert.FromBase64String(base64));
            var root = document.RootElement;
            if (root.GetProperty("v").GetString() != "meta.k8s.io/v1")
            {
                throw new FormatException("unknown version");
            }
            var revision = root.GetProperty("rv").GetInt64();
            var start = root.GetProperty("start").GetString() ?? throw new FormatException("no start key");
            if (revision <= 0)
            {
                throw new FormatException("bad revision");
            }
            return new ContinueToken(revision, start);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw StatusErrors.BadRequest("continue key is not valid: " + Encoding.UTF8.GetByteCount(token) + " bytes could not be decoded");
        }
    }
}
