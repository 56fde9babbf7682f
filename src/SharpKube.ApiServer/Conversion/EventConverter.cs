using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Conversion;

/// <summary>events.k8s.io/v1 Event (served) ⇄ core/v1 Event (stored): the same object under different field names.</summary>
public sealed class EventConverter : ObjectConverter
{
    /// <summary>The single instance.</summary>
    public static EventConverter Instance { get; } = new();

    // (events.k8s.io/v1 name, core/v1 name)
    private static readonly (string Served, string Stored)[] Fields =
    [
        ("metadata", "metadata"), ("eventTime", "eventTime"), ("series", "series"), ("action", "action"), ("reason", "reason"),
        ("related", "related"), ("type", "type"), ("reportingInstance", "reportingInstance"),
        ("regarding", "involvedObject"), ("note", "message"), ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"), ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"), ("deprecatedCount", "count"),
    ];

    /// <inheritdoc/>
    public override JsonObject ToStorage(JsonObject served)
    {
        var stored = new JsonObject { ["kind"] = "Event", ["apiVersion"] = "v1" };
        foreach (var (servedName, storedName) in Fields)
        {
            Copy(served, servedName, stored, storedName);
        }
        return stored;
    }

    /// <inheritdoc/>
    public override JsonObject FromStorage(JsonObject stored)
    {
        var served = new JsonObject { ["kind"] = "Event", ["apiVersion"] = "events.k8s.io/v1" };
        foreach (var (servedName, storedName) in Fields)
        {
            Copy(stored, storedName, served, servedName);
        }
        return served;
    }
}
