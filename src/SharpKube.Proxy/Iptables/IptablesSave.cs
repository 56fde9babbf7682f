namespace SharpKube.Proxy.Iptables;

/// <summary>What the proxy reads of <c>iptables-save</c>: each table's chains and rule lines.</summary>
internal sealed class IptablesSave
{
    private readonly Dictionary<string, HashSet<string>> _chains = [];
    private readonly Dictionary<string, List<string>> _rules = [];

    /// <summary>Parses <c>iptables-save</c> output.</summary>
    public static IptablesSave Parse(string text)
    {
        var save = new IptablesSave();
        var table = "";
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (line[0] == '*')
            {
                table = line[1..].ToString();
                save._chains[table] = [];
                save._rules[table] = [];
            }
            else if (line[0] == ':' && table.Length > 0)
            {
                var end = line.IndexOf(' ');
                save._chains[table].Add(line[1..(end < 0 ? line.Length : end)].ToString());
            }
            else if (line.StartsWith("-A ") && table.Length > 0)
            {
                // Only built-in chains' rules are kept: the proxy never needs the (many) rules of its own chains.
                var chainEnd = line[3..].IndexOf(' ');
                var chain = chainEnd < 0 ? line[3..] : line.Slice(3, chainEnd);
                if (!chain.StartsWith("KUBE-"))
                {
                    save._rules[table].Add(line.ToString());
                }
            }
        }
        return save;
    }

    /// <summary>The chains of <paramref name="table"/> (empty when the table is absent).</summary>
    public IReadOnlySet<string> Chains(string table) => _chains.TryGetValue(table, out var chains) ? chains : new HashSet<string>();

    /// <summary>The rule lines of <paramref name="table"/>'s non-KUBE chains.</summary>
    public IReadOnlyList<string> Rules(string table) => _rules.TryGetValue(table, out var rules) ? rules : [];
}
