namespace SharpKube.Dns.Zone;

/// <summary>One owner name of the zone: the records each source (a Service, a namespace) gives it, and how many names below it exist.</summary>
internal sealed class NameEntry
{
    /// <summary>The records per source; an empty array says the name exists without records.</summary>
    public Dictionary<string, ResourceRecord[]> BySource { get; } = new(StringComparer.Ordinal);

    /// <summary>How many existing names are below this one (an empty non-terminal has some and no records).</summary>
    public int Descendants { get; set; }

    /// <summary>Whether the name exists in its own right (some source gives it).</summary>
    public bool Given => BySource.Count > 0;

    /// <summary>Every record of the name.</summary>
    public IEnumerable<ResourceRecord> Records => BySource.Values.SelectMany(r => r);
}
