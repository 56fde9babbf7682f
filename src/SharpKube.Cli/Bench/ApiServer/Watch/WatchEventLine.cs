using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using SharpKube.Cli.Bench.ApiServer.Workload;

namespace SharpKube.Cli.Bench.ApiServer.Watch;

/// <summary>
/// The three things a watcher needs from one line of a watch response — the event type, the object's resourceVersion and
/// the writer's sequence annotation — read with a forward-only reader, so a thousand watchers cost the client little and
/// the delivery lag measured is the server's, not the client's deserializer's.
/// </summary>
/// <param name="Kind">The event type.</param>
/// <param name="ResourceVersion">metadata.resourceVersion of the object, or 0 when absent.</param>
/// <param name="WriteSequence">The <see cref="BenchPods.WriteAnnotation"/> annotation, or -1 when absent.</param>
internal readonly record struct WatchEventLine(WatchEventKind Kind, long ResourceVersion, long WriteSequence)
{
    /// <summary>Reads one event; false if the line is not a JSON object.</summary>
    public static bool TryParse(ReadOnlySequence<byte> line, out WatchEventLine parsed)
    {
        parsed = default;
        var kind = WatchEventKind.Other;
        long resourceVersion = 0;
        long sequence = -1;
        try
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    kind = KindOf(ref reader);
                }
                else if (reader.ValueTextEquals("object"u8))
                {
                    reader.Read();
                    ReadObject(ref reader, ref resourceVersion, ref sequence);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        parsed = new WatchEventLine(kind, resourceVersion, sequence);
        return true;
    }

    private static WatchEventKind KindOf(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? WatchEventKind.Other
        : reader.ValueTextEquals("ADDED"u8) ? WatchEventKind.Added
        : reader.ValueTextEquals("MODIFIED"u8) ? WatchEventKind.Modified
        : reader.ValueTextEquals("DELETED"u8) ? WatchEventKind.Deleted
        : reader.ValueTextEquals("BOOKMARK"u8) ? WatchEventKind.Bookmark
        : reader.ValueTextEquals("ERROR"u8) ? WatchEventKind.Error
        : WatchEventKind.Other;

    private static void ReadObject(ref Utf8JsonReader reader, ref long resourceVersion, ref long sequence)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            if (isMetadata && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadMetadata(ref reader, ref resourceVersion, ref sequence);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, ref long resourceVersion, ref long sequence)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resourceVersion"u8))
            {
                reader.Read();
                resourceVersion = Number(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isSequence = reader.ValueTextEquals(BenchPods.WriteAnnotation);
                    reader.Read();
                    if (isSequence)
                    {
                        sequence = Number(ref reader) ?? -1;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static long? Number(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return null;
        }

        // A value split across two buffer segments arrives as a sequence; that is rare enough to copy.
        ReadOnlySpan<byte> digits = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return Utf8Parser.TryParse(digits, out long value, out var consumed) && consumed == digits.Length ? value : null;
    }
}
