namespace SharpKube.Storage.Memory;

/// <summary>The retained versions of one key, oldest first; a null value marks a deletion (a tombstone).</summary>
/// <remarks>Most keys have one version, so the first is kept inline and a list is made only for a second.</remarks>
internal sealed class KeyHistory
{
    private (long Revision, KeyValue? Value) _only;
    private List<(long Revision, KeyValue? Value)>? _versions;
    private bool _hasOnly;

    /// <summary>The live version, or null when the key is deleted.</summary>
    public KeyValue? Current => _versions is { Count: > 0 } versions ? versions[^1].Value : _hasOnly ? _only.Value : null;

    /// <summary>Whether any version is retained.</summary>
    public bool IsEmpty => _versions is null ? !_hasOnly : _versions.Count == 0;

    public void Add(long revision, KeyValue? value)
    {
        if (_versions is null && !_hasOnly)
        {
            _only = (revision, value);
            _hasOnly = true;
            return;
        }

        if (_versions is null)
        {
            _versions = new List<(long, KeyValue?)>(4) { _only };
            _hasOnly = false;
            _only = default;
        }

        _versions.Add((revision, value));
    }

    /// <summary>The version visible at <paramref name="revision"/>, or null if the key did not exist then.</summary>
    public KeyValue? At(long revision)
    {
        if (_versions is null)
        {
            return _hasOnly && _only.Revision <= revision ? _only.Value : null;
        }

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
        if (_versions is null)
        {
            if (_hasOnly && _only.Value is null && _only.Revision <= revision)
            {
                _hasOnly = false;
                _only = default;
            }

            return;
        }

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
