namespace SharpKube.Proxy.Tests.Nftables;

/// <summary>Cuts pieces out of <c>nft list table</c> text, to compare what is left.</summary>
internal static class TableText
{
    /// <summary>The listing without the chains, sets and lines whose text contains any of <paramref name="markers"/>.</summary>
    public static string Without(string listing, params string[] markers)
    {
        foreach (var marker in markers[1..])
        {
            listing = string.Join('\n', listing.Split('\n').Where(line => !line.Contains(marker, StringComparison.Ordinal)));
        }

        return Without(listing, markers[0]);
    }

    private static string Without(string listing, string marker)
    {
        var kept = new List<string>();
        string? skipUntil = null;
        foreach (var line in listing.Split('\n'))
        {
            if (skipUntil is not null)
            {
                if (line == skipUntil)
                {
                    skipUntil = null;
                }

                continue;
            }

            var trimmed = line.TrimStart();
            if ((trimmed.StartsWith("chain ", StringComparison.Ordinal) || trimmed.StartsWith("set ", StringComparison.Ordinal))
                && trimmed.Contains(marker, StringComparison.Ordinal))
            {
                skipUntil = line[..(line.Length - trimmed.Length)] + "}";
                continue;
            }

            if (line.Trim().Length > 0 && !line.Contains(marker, StringComparison.Ordinal))
            {
                kept.Add(Normalized(line));
            }
        }

        // Map elements print several to a line, the first after "elements = {", in the kernel's order: compare them
        // (and everything else) as a sorted list of single items.
        kept.Sort(StringComparer.Ordinal);
        return string.Join('\n', kept);
    }

    private static string Normalized(string line)
    {
        line = line.Trim();
        if (line.StartsWith("elements = { ", StringComparison.Ordinal))
        {
            line = line["elements = { ".Length..];
        }

        return line.TrimEnd(',', ' ', '}').Trim();
    }

    /// <summary>How many chains the listing has.</summary>
    public static int ChainCount(string listing) =>
        listing.Split('\n').Count(line => line.TrimStart().StartsWith("chain ", StringComparison.Ordinal));
}
