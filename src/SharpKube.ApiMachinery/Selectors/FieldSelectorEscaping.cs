using System.Text;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// Field selector values escape <c>\</c>, <c>,</c> and <c>=</c> with a backslash; any other escape,
/// a trailing backslash, or a bare <c>=</c> in a value is an error with upstream's message.
/// </summary>
internal static class FieldSelectorEscaping
{
    /// <summary>Escapes a literal value for use in selector text.</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is '\\' or ',' or '=')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Returns the literal value of escaped selector text; throws <see cref="SelectorParseException"/>.</summary>
    public static string Unescape(string text)
    {
        if (text.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var escaping = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (escaping)
            {
                if (rune.Value is not ('\\' or ',' or '='))
                {
                    throw new SelectorParseException("invalid field selector: invalid escape sequence: \\" + rune);
                }
                builder.Append(rune.ToString());
                escaping = false;
                continue;
            }
            switch (rune.Value)
            {
                case '\\':
                    escaping = true;
                    break;
                case ',' or '=':
                    // Upstream formats the offending rune with %v, which prints its code point.
                    throw new SelectorParseException($"invalid field selector: unescaped character in value: {rune.Value}");
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }
        return escaping
            ? throw new SelectorParseException("invalid field selector: invalid escape sequence: \\")
            : builder.ToString();
    }
}
