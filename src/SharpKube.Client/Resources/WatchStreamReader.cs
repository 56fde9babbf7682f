using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace SharpKube.Client.Resources;

/// <summary>Reads a watch response: one JSON <c>{"type":…,"object":…}</c> per line.</summary>
internal static class WatchStreamReader
{
    /// <summary>Yields the stream's events until the server ends it or the token is cancelled.</summary>
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(Stream stream, ApiResource resource,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            yield return Parse<T>(line, resource);
        }
    }

    private static WatchEvent<T> Parse<T>(string line, ApiResource resource)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var type = root.GetProperty("type").GetString() switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            var other => throw new JsonException($"unknown watch event type '{other}'"),
        };
        var payload = root.GetProperty("object");
        if (type == WatchEventType.Error)
        {
            return new WatchEvent<T>(type, null, KubernetesJson.Deserialize<V1Status>(payload));
        }
        var obj = KubernetesJson.Deserialize<T>(payload);
        obj.ApiVersion ??= resource.GroupVersion;
        obj.Kind ??= resource.Kind;
        return new WatchEvent<T>(type, obj, null);
    }
}
