using System.Collections.Concurrent;
using System.Text.Json;

namespace SharpKube.ApiServer.Store;

/// <summary>
/// One shared string per JSON member name: every object the server parses repeats the same few hundred names
/// (<c>metadata</c>, <c>containers</c>, <c>f:status</c>, label keys), so the parser looks each up instead of
/// allocating it again. Bounded: names longer than <see cref="MaxLength"/> characters, and new names once
/// <see cref="MaxCount"/> are known, are allocated as before.
/// </summary>
internal static class JsonPropertyNames
{
    /// <summary>Longest name kept.</summary>
    public const int MaxLength = 64;

    /// <summary>Most names kept.</summary>
    public const int MaxCount = 16_384;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The name the reader is positioned on (a <see cref="JsonTokenType.PropertyName"/>), shared when known.</summary>
    public static string Read(ref Utf8JsonReader reader)
    {
        var encodedLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (encodedLength > MaxLength)
        {
            return reader.GetString()!;
        }
        Span<char> buffer = stackalloc char[MaxLength];
        var length = reader.CopyString(buffer);
        var chars = buffer[..length];
        if (ByChars.TryGetValue(chars, out var known))
        {
            return known;
        }
        var name = new string(chars);
        return Names.Count < MaxCount ? Names.GetOrAdd(name, name) : name;
    }
}
