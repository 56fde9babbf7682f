using System.Text;

namespace SharpKube.ApiMachinery.Patching;

/// <summary>A JSON Pointer (RFC 6901): <c>""</c> is the whole document, <c>/a/0/b~1c</c> walks object members and array indices.</summary>
public sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    /// <summary>The pointer as written.</summary>
    public string Text { get; }

    /// <summary>The unescaped reference tokens; empty for the whole document.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>True when the pointer designates the whole document.</summary>
    public bool IsRoot => Tokens.Count == 0;

    /// <summary>Parses <paramref name="text"/>; a pointer must be empty or start with <c>/</c>, and <c>~</c> must be followed by 0 or 1.</summary>
    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }
        if (text[0] != '/')
        {
            throw JsonPatchException.Failed($"invalid JSON pointer \"{text}\": it must be empty or start with '/'");
        }
        var tokens = new List<string>();
        foreach (var raw in text[1..].Split('/'))
        {
            tokens.Add(Unescape(raw, text));
        }
        return new JsonPointer(text, tokens);
    }

    /// <summary>True when this pointer designates a member or element inside what <paramref name="other"/> designates.</summary>
    public bool IsProperPrefixOf(JsonPointer other)
    {
        if (Tokens.Count >= other.Tokens.Count)
        {
            return false;
        }
        for (var i = 0; i < Tokens.Count; i++)
        {
            if (!string.Equals(Tokens[i], other.Tokens[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static string Unescape(string token, string pointer)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }
        // ~1 before ~0 is the order RFC 6901 §4 requires, so "~01" becomes "~1", not "/".
        var result = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                result.Append(token[i]);
                continue;
            }
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            result.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw JsonPatchException.Failed($"invalid JSON pointer \"{pointer}\": '~' must be followed by '0' or '1'"),
            });
            i++;
        }
        return result.ToString();
    }
}
