namespace SharpKube.ApiServer.WatchCache;

/// <summary>
/// One object as the watch cache holds it: its serialized JSON (with resourceVersion) and what
/// LIST and WATCH filter on, extracted once when the object enters the cache. Immutable.
/// </summary>
public sealed class CachedObject
{
    /// <summary>Datastore key.</summary>
    public required string Key { get; init; }

    /// <summary>Namespace; empty for cluster-scoped objects.</summary>
    public required string Namespace { get; init; }

    /// <summary>Object name.</summary>
    public required string Name { get; init; }

    /// <summary>The store revision of this version of the object (its resourceVersion).</summary>
    public required long ResourceVersion { get; init; }

    /// <summary>The object's JSON, including <c>metadata.resourceVersion</c>.</summary>
    public required byte[] Json { get; init; }

    /// <summary>The object's labels.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>The object's selectable fields (field-selector labels to values).</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    private byte[]?[]? _eventLines;

    /// <summary>
    /// The complete JSON watch-stream line for this object as an event of <paramref name="type"/>
    /// (<c>{"type":"ADDED","object":…}</c> and a newline), built once and shared by every watcher.
    /// </summary>
    public byte[] EventLine(WatchNotificationType type)
    {
        var lines = _eventLines ??= new byte[]?[3];
        return lines[(int)type] ??= BuildEventLine(type);
    }

    private byte[] BuildEventLine(WatchNotificationType type)
    {
        var prefix = type switch
        {
            WatchNotificationType.Added => "{\"type\":\"ADDED\",\"object\":"u8,
            WatchNotificationType.Modified => "{\"type\":\"MODIFIED\",\"object\":"u8,
            _ => "{\"type\":\"DELETED\",\"object\":"u8,
        };
        var line = new byte[prefix.Length + Json.Length + 2];
        prefix.CopyTo(line);
        Json.CopyTo(line, prefix.Length);
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        return line;
    }
}
