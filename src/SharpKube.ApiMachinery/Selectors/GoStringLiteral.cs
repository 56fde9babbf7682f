using System.Globalization;
using System.Text;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// Renders strings the way Go's <c>%q</c> verb does, because upstream's selector and field-error
/// messages quote bad values that way (<c>"app:x"</c>, not JSON's <c>"\u0026"</c>-style escapes).
/// </summary>
internal static class GoStringLiteral
{
    /// <summary>Returns <paramref name="value"/> in double quotes with Go's escapes.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            AppendRune(builder, rune);
        }
        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>Renders a list the way Go's <c>%#v</c> renders a <c>[]string</c>.</summary>
    public static string QuoteSlice(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return "[]string(nil)";
        }
        var builder = new StringBuilder("[]string{");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }
            builder.Append(Quote(values[i]));
        }
        return builder.Append('}').ToString();
    }

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        switch (rune.Value)
        {
            case '"':
                builder.Append("\\\"");
                return;
            case '\\':
                builder.Append("\\\\");
                return;
            case '\a':
                builder.Append("\\a");
                return;
            case '\b':
                builder.Append("\\b");
                return;
            case '\f':
                builder.Append("\\f");
                return;
            case '\n':
                builder.Append("\\n");
                return;
            case '\r':
                builder.Append("\\r");
                return;
            case '\t':
                builder.Append("\\t");
                return;
            case '\v':
                builder.Append("\\v");
                return;
        }
        if (rune.Value < 0x20 || rune.Value == 0x7F)
        {
            builder.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
            return;
        }
        if (IsPrintable(rune))
        {
            builder.Append(rune.ToString());
            return;
        }
        builder.Append(rune.Value <= 0xFFFF ? "\\u" : "\\U")
            .Append(rune.Value.ToString(rune.Value <= 0xFFFF ? "x4" : "x8", CultureInfo.InvariantCulture));
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => true,
    };
}
