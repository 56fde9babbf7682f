namespace SharpKube.ApiMachinery.TypedDecoding;

/// <summary>
/// The syntax check of <c>resource.ParseQuantity</c>: a signed decimal number, then a binary (<c>Ki</c>…<c>Ei</c>),
/// decimal (<c>n</c>, <c>u</c>, <c>m</c>, <c>k</c>, <c>M</c>…<c>E</c>) or exponent (<c>e3</c>) suffix.
/// </summary>
internal static class QuantitySyntax
{
    /// <summary>Upstream's message for text that is not a number with a suffix.</summary>
    public const string FormatWrong =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>Upstream's message for a well-formed but unknown suffix (<c>1mm</c>).</summary>
    public const string SuffixWrong = "unable to parse quantity's suffix";

    private const string SuffixLetters = "eEinumkKMGTP";

    private const int CanonicalCacheLimit = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> CanonicalCache =
        new(StringComparer.Ordinal);

    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E",
    };

    /// <summary>Null when <paramref name="text"/> parses as a quantity, else upstream's error message.</summary>
    public static string? Check(string text)
    {
        if (text.Length == 0)
        {
            return FormatWrong;
        }
        var pos = 0;
        if (text[0] is '+' or '-')
        {
            pos++;
        }
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }
        var suffixStart = pos;
        while (pos < text.Length && SuffixLetters.Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }
        if (pos < text.Length && text[pos] is '+' or '-')
        {
            pos++;
        }
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        if (pos < text.Length)
        {
            return FormatWrong;
        }
        var suffix = text.AsSpan(suffixStart);
        return Suffixes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(suffix) || IsExponent(suffix) ? null : SuffixWrong;
    }

    /// <summary>
    /// The canonical text of a quantity that passed <see cref="Check"/> (<c>0.5</c> → <c>500m</c>,
    /// <c>1.5Gi</c> → <c>1536Mi</c>, <c>1000k</c> → <c>1M</c>); null when it cannot be computed.
    /// </summary>
    public static string? Canonical(string text)
    {
        if (CanonicalCache.TryGetValue(text, out var cached))
        {
            return cached;
        }
        var computed = ComputeCanonical(text);
        // The same few quantities recur in every write; the cache is bounded so odd input cannot grow it forever.
        if (CanonicalCache.Count < CanonicalCacheLimit)
        {
            CanonicalCache.TryAdd(text, computed);
        }
        return computed;
    }

    private static string? ComputeCanonical(string text)
    {
        // KubernetesClient's port of upstream's canonical form mishandles negative values; canonicalise the
        // magnitude and put the sign back, which is what upstream's form amounts to.
        var negative = text.StartsWith('-');
        var magnitude = negative || text.StartsWith('+') ? text[1..] : text;
        try
        {
            var canonical = new k8s.Models.ResourceQuantity(magnitude).CanonicalizeString();
            return negative && canonical != "0" ? "-" + canonical : canonical;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsExponent(ReadOnlySpan<char> suffix) =>
        suffix.Length > 1 && suffix[0] is 'e' or 'E'
        && long.TryParse(suffix[1..], System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out _);
}
