using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.FieldManagement;

/// <summary>Reads and writes <c>metadata.managedFields</c>.</summary>
public static class ManagedFieldsCodec
{
    /// <summary>
    /// The entries of <paramref name="metadata"/>; an empty list when there are none or they do not decode (as
    /// upstream, undecodable managed fields are reset rather than failing the write).
    /// </summary>
    public static List<ManagedFieldsEntry> Read(JsonObject? metadata)
    {
        var entries = new List<ManagedFieldsEntry>();
        if (metadata?["managedFields"] is not JsonArray array)
        {
            return entries;
        }
        try
        {
            foreach (var node in array)
            {
                if (node is not JsonObject entry)
                {
                    return [];
                }
                var fieldsV1 = entry["fieldsV1"];
                var fields = FieldSet.FromFieldsV1(fieldsV1);
                entries.Add(new ManagedFieldsEntry(
                    Text(entry, "manager") ?? "",
                    Text(entry, "operation") ?? ManagedFieldsEntry.Update,
                    Text(entry, "apiVersion"),
                    Text(entry, "time"),
                    fields,
                    Text(entry, "subresource"))
                {
                    SourceFieldsV1 = fieldsV1,
                    SourceFields = fields,
                });
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return [];
        }
        return entries;
    }

    /// <summary>Writes <paramref name="entries"/> in upstream's order (appliers first, then by time and manager).</summary>
    public static void Write(JsonObject metadata, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => !e.Fields.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => Seconds(e.Time))
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource, StringComparer.Ordinal))
        {
            var json = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
            };
            if (entry.Time is not null)
            {
                json["time"] = entry.Time;
            }
            json["fieldsType"] = "FieldsV1";
            json["fieldsV1"] = entry.SourceFieldsV1 is { } source && ReferenceEquals(entry.Fields, entry.SourceFields)
                ? source.DeepClone()
                : entry.Fields.ToFieldsV1();
            if (!string.IsNullOrEmpty(entry.Subresource))
            {
                json["subresource"] = entry.Subresource;
            }
            array.Add(json);
        }
        if (array.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = array;
        }
    }

    private static long Seconds(string? time) =>
        DateTimeOffset.TryParse(time, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.ToUnixTimeSeconds() : 0;

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
