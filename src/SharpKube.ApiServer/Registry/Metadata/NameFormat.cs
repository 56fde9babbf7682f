using System.Globalization;
using System.Text.RegularExpressions;

namespace SharpKube.ApiServer.Registry.Metadata;

/// <summary>
/// Name formats Kubernetes validates (DNS labels and subdomains, qualified names, label values, path
/// segments). Each check returns upstream's messages; an empty list means valid.
/// </summary>
public static partial class NameFormat
{
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string QualifiedNameErrMsg =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    /// <summary>Longest DNS label.</summary>
    public const int Dns1123LabelMaxLength = 63;

    /// <summary>Longest DNS subdomain.</summary>
    public const int Dns1123SubdomainMaxLength = 253;

    /// <summary>Messages for a name under <paramref name="rule"/>; <paramref name="prefix"/> validates a generateName.</summary>
    public static IReadOnlyList<string> ForRule(NameRule rule, string name, bool prefix = false)
    {
        if (prefix && rule != NameRule.PathSegment)
        {
            // A generateName prefix may end in '-'; upstream masks the trailing dash before checking.
            name = name.Length > 0 && name[^1] == '-' ? name[..^1] + "a" : name;
        }
        return rule switch
        {
            NameRule.DnsLabel => Dns1123Label(name),
            NameRule.Dns1035Label => Dns1035Label(name),
            NameRule.PathSegment => prefix ? PathSegmentPrefix(name) : PathSegment(name),
            _ => Dns1123Subdomain(name),
        };
    }

    /// <summary>RFC 1123 label (lowercase alphanumerics and '-').</summary>
    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123LabelMaxLength)
        {
            errors.Add(MaxLenError(Dns1123LabelMaxLength));
        }
        if (!Dns1123LabelRegex().IsMatch(value))
        {
            errors.Add(Dns1123SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : RegexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                    Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errors;
    }

    /// <summary>RFC 1123 subdomain (labels joined by '.').</summary>
    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength)
        {
            errors.Add(MaxLenError(Dns1123SubdomainMaxLength));
        }
        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            errors.Add(RegexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                Dns1123SubdomainFmt, "example.com"));
        }
        return errors;
    }

    /// <summary>RFC 1035 label (starts with a letter).</summary>
    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123LabelMaxLength)
        {
            errors.Add(MaxLenError(Dns1123LabelMaxLength));
        }
        if (!Dns1035LabelRegex().IsMatch(value))
        {
            errors.Add(RegexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                Dns1035LabelFmt, "my-name", "abc-123"));
        }
        return errors;
    }

    /// <summary>A qualified name: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    errors.AddRange(Dns1123Subdomain(parts[0]).Select(m => "prefix part " + m));
                }
                break;
            default:
                errors.Add("a qualified name " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc") +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }
        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errors.Add("name part " + MaxLenError(63));
        }
        if (!QualifiedNameRegex().IsMatch(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /// <summary>A label value: empty, or at most 63 characters of a qualified-name shape.</summary>
    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add(MaxLenError(63));
        }
        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add(RegexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                LabelValueFmt, "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    /// <summary>A name usable as one URL path segment (RBAC kinds and the generic store's check).</summary>
    public static IReadOnlyList<string> PathSegment(string value)
    {
        if (value is "." or "..")
        {
            return [$"may not be '{value}'"];
        }
        return PathSegmentPrefix(value);
    }

    /// <summary>A generateName usable as the start of a path segment.</summary>
    public static IReadOnlyList<string> PathSegmentPrefix(string value)
    {
        var errors = new List<string>();
        if (value.Contains('/', StringComparison.Ordinal))
        {
            errors.Add("may not contain '/'");
        }
        if (value.Contains('%', StringComparison.Ordinal))
        {
            errors.Add("may not contain '%'");
        }
        return errors;
    }

    /// <summary>Upstream's "too long" message.</summary>
    public static string MaxLenError(int length) =>
        "must be no more than " + length.ToString(CultureInfo.InvariantCulture) + " characters";

    /// <summary>Upstream's regex mismatch message with examples.</summary>
    public static string RegexError(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return message + " (regex used for validation is '" + format + "')";
        }
        // Upstream joins "'example', " items with " or ", which leaves a double space between them.
        return message + " (e.g. " + string.Join(" or ", examples.Select(e => "'" + e + "', ")) +
            "regex used for validation is '" + format + "')";
    }

    [GeneratedRegex("^" + Dns1123LabelFmt + "$")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^" + Dns1123SubdomainFmt + "$")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^" + Dns1035LabelFmt + "$")]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^" + QualifiedNameFmt + "$")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + LabelValueFmt + "$")]
    private static partial Regex LabelValueRegex();
}
