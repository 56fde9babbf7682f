namespace SharpKube.Dns.Zone;

/// <summary>
/// The zone's names, built from sources (one Service, one namespace) that each give a set of names and records.
/// Replacing a source's set says which names changed, so answers cached for them can be dropped. Not thread-safe:
/// <see cref="ClusterZone"/> serialises access.
/// </summary>
internal sealed class ZoneIndex
{
    private readonly Dictionary<string, NameEntry> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, ResourceRecord[]>> _sources = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _isApex;

    /// <summary>An empty index; <paramref name="isApex"/> says where walking up a name stops (a zone apex).</summary>
    public ZoneIndex(Func<string, bool> isApex) => _isApex = isApex;

    /// <summary>The number of sources.</summary>
    public int SourceCount => _sources.Count;

    /// <summary>The entry of <paramref name="name"/>, if the name exists.</summary>
    public NameEntry? Find(string name) => _names.GetValueOrDefault(name);

    /// <summary>
    /// Replaces what <paramref name="source"/> gives (null: nothing); adds every name whose answers may have
    /// changed to <paramref name="changed"/>.
    /// </summary>
    public void Replace(string source, IReadOnlyDictionary<string, ResourceRecord[]>? names, ISet<string> changed)
    {
        if (_sources.Remove(source, out var old))
        {
            foreach (var name in old.Keys)
            {
                var entry = _names[name];
                entry.BySource.Remove(source);
                changed.Add(name);
                if (!entry.Given)
                {
                    Walk(name, -1, changed);
                    if (entry.Descendants == 0)
                    {
                        _names.Remove(name);
                    }
                }
            }
        }
        if (names is null || names.Count == 0)
        {
            return;
        }
        _sources[source] = names;
        foreach (var (name, records) in names)
        {
            if (!_names.TryGetValue(name, out var entry))
            {
                entry = new NameEntry();
                _names[name] = entry;
            }
            var wasGiven = entry.Given;
            entry.BySource[source] = records;
            changed.Add(name);
            if (!wasGiven)
            {
                Walk(name, +1, changed);
            }
        }
    }

    private void Walk(string name, int delta, ISet<string> changed)
    {
        var current = name;
        while (true)
        {
            var dot = current.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                return;
            }
            current = current[(dot + 1)..];
            if (_isApex(current) || current is "in-addr.arpa" or "ip6.arpa" or "arpa")
            {
                return;
            }
            if (!_names.TryGetValue(current, out var entry))
            {
                entry = new NameEntry();
                _names[current] = entry;
            }
            entry.Descendants += delta;
            changed.Add(current);
            if (entry.Descendants == 0 && !entry.Given)
            {
                _names.Remove(current);
            }
        }
    }
}
