namespace SharpKube.Client.Informers;

/// <summary>One index of an <see cref="Indexer{T}"/>: index value → keys of the objects indexed under it.</summary>
internal sealed class NamedIndex<T>(IndexFunc<T> indexFunc)
    where T : class
{
    private readonly Dictionary<string, HashSet<string>> _keysByValue = new(StringComparer.Ordinal);

    /// <summary>Moves <paramref name="key"/> from the values of <paramref name="old"/> to those of <paramref name="current"/>.</summary>
    public void Update(string key, T? old, T? current)
    {
        if (old is not null)
        {
            foreach (var value in indexFunc(old))
            {
                if (_keysByValue.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    _keysByValue.Remove(value);
                }
            }
        }
        if (current is not null)
        {
            foreach (var value in indexFunc(current))
            {
                if (!_keysByValue.TryGetValue(value, out var keys))
                {
                    keys = new HashSet<string>(StringComparer.Ordinal);
                    _keysByValue.Add(value, keys);
                }
                keys.Add(key);
            }
        }
    }

    /// <summary>The keys indexed under <paramref name="value"/>.</summary>
    public IReadOnlyCollection<string> KeysOf(string value) =>
        _keysByValue.TryGetValue(value, out var keys) ? keys : [];
}
