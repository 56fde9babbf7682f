namespace SharpKube.Proxy.Nftables;

/// <summary>
/// Reads the names of the chains or sets of one table from <c>nft list chains ip</c> / <c>nft -t list sets ip</c>
/// output, for a full sync that must delete what an earlier process left behind.
/// </summary>
internal static class TableListing
{
    /// <summary>The names after <paramref name="keyword"/> (<c>chain</c> or <c>set</c>) inside <c>table ip TABLE</c>.</summary>
    public static HashSet<string> Names(string listing, string table, string keyword)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var header = "table ip " + table + " {";
        var prefix = keyword + " ";
        var inside = false;
        foreach (var raw in listing.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("table ", StringComparison.Ordinal))
            {
                inside = line == header;
            }
            else if (inside && line.StartsWith(prefix, StringComparison.Ordinal) && line.EndsWith('{'))
            {
                names.Add(line[prefix.Length..^1].Trim().Trim('"'));
            }
        }

        return names;
    }
}
