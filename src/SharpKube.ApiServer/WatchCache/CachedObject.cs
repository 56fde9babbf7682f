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
}
