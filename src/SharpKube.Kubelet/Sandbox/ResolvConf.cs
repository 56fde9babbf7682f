namespace SharpKube.Kubelet.Sandbox;

/// <summary>
/// The parts of a resolv.conf the kubelet passes on to pods, parsed as upstream does: every <c>nameserver</c> line adds
/// a server, the last <c>search</c> line wins (trailing dots dropped, a lone "." skipped), <c>options</c> accumulate with
/// a later option replacing an earlier one of the same name; lines starting with <c>#</c> are comments.
/// </summary>
/// <remarks>
/// Deliberate differences: options keep the order they first appear in (upstream's order is that of a Go map, i.e.
/// random), and a <c>nameserver</c> line without an address is skipped rather than failing the pod.
/// </remarks>
public sealed record ResolvConf(IReadOnlyList<string> Nameservers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options)
{
    /// <summary>No servers, searches or options.</summary>
    public static ResolvConf Empty { get; } = new([], [], []);

    /// <summary>Parses the text of a resolv.conf.</summary>
    public static ResolvConf Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nameservers = new List<string>();
        var searches = new List<string>();
        var options = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#'))
            {
                continue;
            }
            var fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }
            switch (fields[0])
            {
                case "nameserver" when fields.Length >= 2:
                    nameservers.Add(fields[1]);
                    break;
                case "search":
                    // Normalised so "example.com" and "example.com." count once against the search limits.
                    searches = fields.Skip(1).Where(s => s != ".").Select(s => s.TrimEnd('.')).ToList();
                    break;
                case "options":
                    options = MergeOptions(options, fields.Skip(1));
                    break;
            }
        }
        return new ResolvConf(nameservers, searches, options);
    }

    /// <summary>Reads and parses the resolv.conf at <paramref name="path"/>.</summary>
    public static async Task<ResolvConf> ReadAsync(string path, CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));

    /// <summary><paramref name="existing"/> with <paramref name="added"/> options; an option replaces one of the same name (the part before ':').</summary>
    internal static List<string> MergeOptions(IEnumerable<string> existing, IEnumerable<string> added)
    {
        var merged = new List<string>();
        foreach (var option in existing.Concat(added))
        {
            var name = OptionName(option);
            var at = merged.FindIndex(o => OptionName(o) == name);
            if (at >= 0)
            {
                merged[at] = option;
            }
            else
            {
                merged.Add(option);
            }
        }
        return merged;
    }

    /// <summary>The option's name: the text before the first ':'.</summary>
    internal static string OptionName(string option)
    {
        var colon = option.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? option : option[..colon];
    }
}
