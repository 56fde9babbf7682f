namespace SharpKube.Proxy.Tests.Nftables;

/// <summary>Cuts pieces out of <c>nft list table</c> text, to compare what is left.</summary>
internal static class TableText
{
    /// <summary>The listing without the chains, sets and lines whose text contains <paramref name="marker"/>.</summary>
    public static string Without(string listing, string marker)
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
                kept.Add(line.TrimEnd(',', ' '));
            }
        }

        return string.Join('\n', kept);
    }

    /// <summary>How many chains the listing has.</summary>
    public static int ChainCount(string listing) =>
        listing.Split('\n').Count(line => line.TrimStart().StartsWith("chain ", StringComparison.Ordinal));
}
