namespace SharpKube.Storage.Memory;

/// <summary>The retained versions of one key, oldest first; a null value marks a deletion (a tombstone).</summary>
internal sealed class KeyHistory
{
    private readonly List<(long Revision, KeyValue? Value)> _versions = new(2);

    /// <summary>The live version, or null when the key is deleted.</summary>
    public KeyValue? Current => _versions.Count == 0 ? null : _versions[^1].Value;

    /// <summary>Whether any version is retained.</summary>
    public bool IsEmpty => _versions.Count == 0;

    public void Add(long revision, KeyValue? value) => _versions.Add((revision, value));

    /// <summary>The version visible at <paramref name="revision"/>, or null if the key did not exist then.</summary>
    public KeyValue? At(long revision)
    {
        // Histories are short after compaction; scan from the newest.
        for (var i = _versions.Count - 1; i >= 0; i--)
        {
            if (_versions[i].Revision <= revision)
            {
                return _versions[i].Value;
            }
        }

        return null;
    }

    /// <summary>Drops versions superseded at or before <paramref name="revision"/>, and a tombstone that is the newest such.</summary>
    public void Compact(long revision)
    {
        var newestAtOrBefore = -1;
        for (var i = 0; i < _versions.Count && _versions[i].Revision <= revision; i++)
        {
            newestAtOrBefore = i;
        }

        if (newestAtOrBefore < 0)
        {
            return;
        }

        var keep = _versions[newestAtOrBefore].Value is null ? newestAtOrBefore + 1 : newestAtOrBefore;
        _versions.RemoveRange(0, keep);
    }
}
