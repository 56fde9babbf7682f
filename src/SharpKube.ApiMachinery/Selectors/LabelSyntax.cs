using System.Text;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// The label key and value rules (qualified names, DNS-1123 subdomain prefixes, label values) with
/// the exact wording upstream's validation messages use. Lengths count UTF-8 bytes, as upstream does.
/// </summary>
internal static class LabelSyntax
{
    /// <summary>Longest name part of a key, and longest value.</summary>
    public const int MaxNameLength = 63;

    /// <summary>Longest DNS-1123 subdomain, the prefix of a key.</summary>
    public const int MaxSubdomainLength = 253;

    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainFormat = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    /// <summary>The problems with <paramref name="key"/> as a label key, joined by "; "; null when valid.</summary>
    public static string? KeyProblems(string key)
    {
        var errors = new List<string>();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = key;
        if (slash >= 0)
        {
            if (key.IndexOf('/', slash + 1) >= 0)
            {
                return "a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
            }
            var prefix = key[..slash];
            name = key[(slash + 1)..];
            if (prefix.Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else
            {
                if (Encoding.UTF8.GetByteCount(prefix) > MaxSubdomainLength)
                {
                    errors.Add("prefix part " + MaxLengthError(MaxSubdomainLength));
                }
                if (!IsSubdomain(prefix))
                {
                    errors.Add("prefix part " + RegexError(SubdomainMessage, SubdomainFormat, "example.com"));
                }
            }
        }
        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (Encoding.UTF8.GetByteCount(name) > MaxNameLength)
        {
            errors.Add("name part " + MaxLengthError(MaxNameLength));
        }
        if (!IsQualifiedNamePart(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    /// <summary>The problems with <paramref name="value"/> as a label value, joined by "; "; null when valid.</summary>
    public static string? ValueProblems(string value)
    {
        string? tooLong = Encoding.UTF8.GetByteCount(value) > MaxNameLength ? MaxLengthError(MaxNameLength) : null;
        string? badShape = value.Length == 0 || IsQualifiedNamePart(value)
            ? null
            : RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345");
        return (tooLong, badShape) switch
        {
            (null, null) => null,
            (null, _) => badShape,
            (_, null) => tooLong,
            _ => tooLong + "; " + badShape,
        };
    }

    /// <summary>True for <c>([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]</c>.</summary>
    private static bool IsQualifiedNamePart(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetterOrDigit(text[0]) || !char.IsAsciiLetterOrDigit(text[^1]))
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True for a lowercase RFC 1123 subdomain: dot-separated labels of [a-z0-9-], alphanumeric at both ends.</summary>
    private static bool IsSubdomain(string text)
    {
        foreach (var label in text.Split('.'))
        {
            if (label.Length == 0 || !IsLowerAlphanumeric(label[0]) || !IsLowerAlphanumeric(label[^1]))
            {
                return false;
            }
            foreach (var c in label)
            {
                if (!IsLowerAlphanumeric(c) && c != '-')
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static string MaxLengthError(int length) => $"must be no more than {length} characters";

    private static string RegexError(string message, string format, params string[] examples)
    {
        var builder = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(" or ");
            }
            builder.Append('\'').Append(examples[i]).Append("', ");
        }
        return builder.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }
}
