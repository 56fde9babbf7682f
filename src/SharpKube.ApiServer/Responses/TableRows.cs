using System.Text.Json;
using SharpKube.ApiMachinery.Tables;

namespace SharpKube.ApiServer.Responses;

/// <summary>Writes the parts of a <c>meta.k8s.io</c> Table: column definitions and rows.</summary>
public static class TableRows
{
    /// <summary>Writes <c>"columnDefinitions":[…]</c>.</summary>
    public static void WriteColumns(Utf8JsonWriter writer, TableConvertor convertor)
    {
        writer.WriteStartArray("columnDefinitions");
        foreach (var column in convertor.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Type);
            writer.WriteString("format", column.Format);
            writer.WriteString("description", column.Description);
            writer.WriteNumber("priority", column.Priority);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes one row object <c>{"cells":[…],"object":…}</c> for an object's JSON.</summary>
    public static void WriteRow(Utf8JsonWriter writer, TableConvertor convertor, byte[] objectJson, string includeObject, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(objectJson);
        var root = document.RootElement;
        writer.WriteStartObject();
        writer.WriteStartArray("cells");
        foreach (var cell in convertor.Cells(root, now))
        {
            switch (cell)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case int i: writer.WriteNumberValue(i); break;
                case long l: writer.WriteNumberValue(l); break;
                case double d: writer.WriteNumberValue(d); break;
                case bool b: writer.WriteBooleanValue(b); break;
                default: writer.WriteStringValue(cell.ToString()); break;
            }
        }
        writer.WriteEndArray();
        switch (includeObject)
        {
            case "Object":
                writer.WritePropertyName("object");
                root.WriteTo(writer);
                break;
            case "Metadata":
                writer.WriteStartObject("object");
                writer.WriteString("kind", "PartialObjectMetadata");
                writer.WriteString("apiVersion", "meta.k8s.io/v1");
                writer.WritePropertyName("metadata");
                if (root.TryGetProperty("metadata", out var metadata))
                {
                    metadata.WriteTo(writer);
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
                break;
        }
        writer.WriteEndObject();
    }
}
