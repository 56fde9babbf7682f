using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Conversion;

/// <summary>
/// Converts objects between the version a resource is served at and the version it is stored in,
/// when the two differ (events.k8s.io/v1 Events are stored as core/v1 Events; autoscaling/v1
/// HorizontalPodAutoscalers as autoscaling/v2). Conversions build new objects and keep metadata as is.
/// </summary>
public abstract class ObjectConverter
{
    /// <summary>Converts an object in the served version to the stored version.</summary>
    public abstract JsonObject ToStorage(JsonObject served);

    /// <summary>Converts an object in the stored version to the served version.</summary>
    public abstract JsonObject FromStorage(JsonObject stored);

    /// <summary>Copies <paramref name="from"/>[<paramref name="source"/>] to <paramref name="to"/>[<paramref name="target"/>] when present.</summary>
    protected static void Copy(JsonObject from, string source, JsonObject to, string target)
    {
        if (from[source] is { } value)
        {
            to[target] = value.DeepClone();
        }
    }
}
