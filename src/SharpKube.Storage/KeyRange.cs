namespace SharpKube.Storage;

/// <summary>
/// Key order and prefix ranges. Keys sort by their UTF-8 bytes, which is Unicode code point order — the order
/// etcd and SQLite's binary collation use — so every driver lists keys in the same order.
/// </summary>
public static class KeyRange
{
    /// <summary>Compares keys by code point (equal to UTF-8 byte order), not by UTF-16 code unit.</summary>
    public static IComparer<string> Comparer { get; } = new CodePointComparer();

    /// <summary>Whether <paramref name="key"/> lies under <paramref name="prefix"/>.</summary>
    public static bool HasPrefix(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>
    /// The smallest key greater than every key under <paramref name="prefix"/> (exclusive upper bound of the range),
    /// or null when the range is unbounded (an empty prefix, or one made only of U+10FFFF).
    /// </summary>
    public static string? End(string prefix)
    {
        var end = prefix;
        while (end.Length > 0)
        {
            var last = char.IsLowSurrogate(end[^1]) && end.Length >= 2 && char.IsHighSurrogate(end[^2])
                ? char.ConvertToUtf32(end[^2], end[^1])
                : end[^1];
            var width = last > 0xFFFF ? 2 : 1;
            var stem = end[..^width];
            if (last == 0x10FFFF)
            {
                end = stem;
                continue;
            }

            var next = last + 1;
            if (next is >= 0xD800 and <= 0xDFFF)
            {
                next = 0xE000;
            }

            return stem + char.ConvertFromUtf32(next);
        }

        return null;
    }

    private sealed class CodePointComparer : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            var length = Math.Min(x.Length, y.Length);
            for (var i = 0; i < length; i++)
            {
                int a = x[i];
                int b = y[i];
                if (a == b)
                {
                    continue;
                }

                // UTF-16 puts surrogates (supplementary code points) before U+E000..U+FFFF; UTF-8 puts them after.
                if (a >= 0xD800 && b >= 0xD800)
                {
                    a = a >= 0xE000 ? a - 0x800 : a + 0x2000;
                    b = b >= 0xE000 ? b - 0x800 : b + 0x2000;
                }

                return a - b;
            }

            return x.Length - y.Length;
        }
    }
}
