using System.Text.Json;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.WatchCache;

/// <summary>Builds <see cref="CachedObject"/>s from stored values.</summary>
public static class CachedObjects
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    /// <summary>
    /// Builds the cached form of a stored value: splices in the resourceVersion and extracts labels and
    /// selectable fields once.
    /// </summary>
    public static CachedObject Create(string key, ReadOnlySpan<byte> stored, long revision, SelectableFieldExtractor fields,
        CachedObject? previous = null)
    {
        var json = ResourceVersionSplicer.Splice(stored, revision);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string name = "", ns = "";
        IReadOnlyDictionary<string, string> labels = NoLabels;
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            name = metadata.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            ns = metadata.TryGetProperty("namespace", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            if (metadata.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object)
            {
                var map = new Dictionary<string, string>();
                foreach (var label in l.EnumerateObject())
                {
                    map[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : label.Value.GetRawText();
                }
                labels = map;
            }
        }
        var selectable = fields(root);
        // Most updates change neither labels nor selectable fields: share the previous version's maps.
        if (previous is not null)
        {
            if (SameMap(labels, previous.Labels))
            {
                labels = previous.Labels;
            }
            if (SameMap(selectable, previous.Fields))
            {
                selectable = previous.Fields;
            }
        }
        return new CachedObject
        {
            Key = key,
            Namespace = previous?.Namespace == ns ? previous.Namespace : ns,
            Name = previous?.Name == name ? previous.Name : name,
            ResourceVersion = revision,
            Json = json,
            Labels = labels,
            Fields = selectable,
        };
    }

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a.Count != b.Count)
        {
            return false;
        }
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A copy of <paramref name="obj"/> carrying another resourceVersion (e.g. a deletion's revision).</summary>
    public static CachedObject WithResourceVersion(CachedObject obj, long revision) => new()
    {
        Key = obj.Key,
        Namespace = obj.Namespace,
        Name = obj.Name,
        ResourceVersion = revision,
        Json = ResourceVersionSplicer.Replace(obj.Json, revision),
        Labels = obj.Labels,
        Fields = obj.Fields,
    };
}
