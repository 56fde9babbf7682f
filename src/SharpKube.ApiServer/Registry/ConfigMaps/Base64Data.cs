using System.Text;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.ConfigMaps;

/// <summary>
/// Byte maps sent as base64 (Secret <c>data</c>, ConfigMap <c>binaryData</c>): decoding rules and errors as
/// upstream's decoder reports them, and the decoded sizes validation needs.
/// </summary>
public static class Base64Data
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>
    /// Checks every value; throws a 400 BadRequest like upstream's decoder
    /// (<c>Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4</c>).
    /// </summary>
    public static void EnsureDecodable(JsonObject? map, string kind)
    {
        foreach (var (_, value) in map.StringEntries())
        {
            if (FirstIllegalByte(value) is { } index)
            {
                throw StatusErrors.BadRequest(
                    $"{kind} in version \"v1\" cannot be handled as a {kind}: illegal base64 data at input byte {index}");
            }
        }
    }

    /// <summary>The decoded byte count of a value, 0 when it is not valid base64.</summary>
    public static int DecodedLength(string value)
    {
        try
        {
            return Convert.FromBase64String(value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)).Length;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    /// <summary>Encodes text the way a Secret's <c>stringData</c> is folded into <c>data</c>.</summary>
    public static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>The offset of the first byte Go's standard decoder refuses, or null when the text decodes.</summary>
    public static int? FirstIllegalByte(string text)
    {
        var quantum = 0;
        var quantumStart = 0;
        var padding = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                continue;
            }
            if (padding > 0 && c != '=')
            {
                return i;
            }
            if (quantum == 0)
            {
                quantumStart = i;
            }
            if (c == '=')
            {
                if (quantum < 2)
                {
                    return i;
                }
                padding++;
            }
            else if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return i;
            }
            quantum = (quantum + 1) % 4;
            if (quantum == 0 && padding > 0 && i + 1 < text.Length && text[(i + 1)..].Any(ch => ch is not ('\r' or '\n')))
            {
                return i + 1;
            }
        }
        return quantum == 0 ? null : quantumStart;
    }
}
