using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints Events of <c>core/v1</c> and <c>events.k8s.io/v1</c> alike (upstream stores and prints them as
/// one kind): LAST SEEN, TYPE, REASON, OBJECT (<c>kind/name</c>), MESSAGE and, wide, SUBOBJECT, SOURCE,
/// FIRST SEEN, COUNT, NAME. Events without the deprecated timestamps fall back to <c>eventTime</c>; a
/// series reports its last observation and count. Either API's field names are read (<c>involvedObject</c>
/// or <c>regarding</c>, <c>message</c> or <c>note</c>, …), whichever the stored object carries.
/// </summary>
public sealed class EventTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Text("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
        StandardColumns.Text("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
        StandardColumns.Text("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        StandardColumns.Text("Object", "The object that this event is about."),
        StandardColumns.Text("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.", 1),
        StandardColumns.Text("Source", "The component reporting this event. Should be a short machine understandable string.", 1),
        StandardColumns.Text("Message", "A human-readable description of the status of this operation."),
        StandardColumns.Text("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
        StandardColumns.Text("Count", "The number of times this event has occurred.", 1),
        StandardColumns.Name with { Priority = 1 },
    ];

    private EventTableConvertor()
    {
    }

    /// <summary>The shared instance, for both Event APIs.</summary>
    public static EventTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var firstTimestamp = Either(obj, "firstTimestamp", "deprecatedFirstTimestamp").Timestamp();
        var firstSeen = firstTimestamp is null
            ? HumanDuration.Since(obj.Field("eventTime").Timestamp(), now)
            : HumanDuration.Since(firstTimestamp, now);
        var lastTimestamp = Either(obj, "lastTimestamp", "deprecatedLastTimestamp").Timestamp();
        var lastSeen = lastTimestamp is null ? firstSeen : HumanDuration.Since(lastTimestamp, now);

        var count = Either(obj, "count", "deprecatedCount").Int64();
        var series = obj.Field("series");
        if (series.IsPresent())
        {
            lastSeen = HumanDuration.Since(series.Field("lastObservedTime").Timestamp(), now);
            count = series.Field("count").Int64();
        }
        else if (count == 0)
        {
            // Singleton events of the newer API carry no count.
            count = 1;
        }

        var regarding = Either(obj, "involvedObject", "regarding");
        var kind = regarding.Field("kind").Text().ToLowerInvariant();
        var name = regarding.Field("name").Text();
        return
        [
            lastSeen,
            obj.Field("type").Text(),
            obj.Field("reason").Text(),
            name.Length > 0 ? kind + "/" + name : kind,
            regarding.Field("fieldPath").Text(),
            Source(obj),
            Either(obj, "message", "note").Text().Trim(),
            firstSeen,
            count,
            ObjectMetadata.Name(obj),
        ];
    }

    // "component, host", each falling back to the reporting controller and instance.
    private static string Source(JsonElement obj)
    {
        var source = Either(obj, "source", "deprecatedSource");
        var component = FirstNonEmpty(source.Field("component").Text(), Either(obj, "reportingComponent", "reportingController").Text());
        var instance = FirstNonEmpty(source.Field("host").Text(), obj.Field("reportingInstance").Text());
        return instance.Length == 0 ? component : component + ", " + instance;
    }

    private static string FirstNonEmpty(string first, string second) => first.Length > 0 ? first : second;

    // core/v1 and events.k8s.io/v1 name the same fields differently; an object carries one or the other.
    private static JsonElement Either(JsonElement obj, string coreName, string eventsName)
    {
        var value = obj.Field(coreName);
        return value.IsPresent() ? value : obj.Field(eventsName);
    }
}
