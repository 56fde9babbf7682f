using System.Text.RegularExpressions;

namespace SharpKube.ApiMachinery.Tables.Formatting;

/// <summary>
/// The label key and value syntax a selector requirement must satisfy before upstream will render it
/// (keys are qualified names with an optional DNS subdomain prefix; values are empty or name-shaped).
/// </summary>
internal static partial class LabelSyntax
{
    private const int NameMaxLength = 63;
    private const int PrefixMaxLength = 253;

    /// <summary>True when <paramref name="key"/> is a valid label key such as <c>app.kubernetes.io/name</c>.</summary>
    public static bool IsValidKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return IsValidName(key);
        }
        var prefix = key[..slash];
        var name = key[(slash + 1)..];
        return prefix.Length is > 0 and <= PrefixMaxLength && DnsSubdomain().IsMatch(prefix) && IsValidName(name);
    }

    /// <summary>True when <paramref name="value"/> is a valid label value (possibly empty).</summary>
    public static bool IsValidValue(string value) => value.Length == 0 || IsValidName(value);

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= NameMaxLength && QualifiedName().IsMatch(name);

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
