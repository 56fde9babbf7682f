using System.Globalization;

namespace SharpKube.Kubelet.Logs;

/// <summary>
/// One line of a CRI log file, <c>&lt;RFC3339Nano time&gt; &lt;stdout|stderr&gt; &lt;F|P&gt; &lt;text&gt;</c>, split in place.
/// <c>P</c> marks a chunk of a longer line that continues in the next file line; <c>F</c> ends a line.
/// </summary>
internal readonly ref struct CriLogLine
{
    private CriLogLine(ReadOnlySpan<byte> timestamp, ReadOnlySpan<byte> stream, bool isPartial, ReadOnlySpan<byte> content)
    {
        Timestamp = timestamp;
        Stream = stream;
        IsPartial = isPartial;
        Content = content;
    }

    /// <summary>The time as written, RFC 3339 with nanoseconds.</summary>
    public ReadOnlySpan<byte> Timestamp { get; }

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public ReadOnlySpan<byte> Stream { get; }

    /// <summary>True for a <c>P</c> chunk: the line goes on in the next file line.</summary>
    public bool IsPartial { get; }

    /// <summary>The text, without the file line's newline.</summary>
    public ReadOnlySpan<byte> Content { get; }

    /// <summary>Splits <paramref name="line"/> (without its trailing newline); false when it is not in the CRI format.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out CriLogLine parsed)
    {
        parsed = default;
        var first = line.IndexOf((byte)' ');
        if (first <= 0)
        {
            return false;
        }
        var rest = line[(first + 1)..];
        var second = rest.IndexOf((byte)' ');
        if (second <= 0)
        {
            return false;
        }
        var afterStream = rest[(second + 1)..];
        // The tag field may one day carry several ':'-separated tags; the first says partial or full.
        var third = afterStream.IndexOf((byte)' ');
        var tag = third < 0 ? afterStream : afterStream[..third];
        if (tag.IsEmpty)
        {
            return false;
        }
        var content = third < 0 ? [] : afterStream[(third + 1)..];
        parsed = new CriLogLine(line[..first], rest[..second], tag[0] == (byte)'P', content);
        return true;
    }

    /// <summary>
    /// Parses an RFC 3339 time with up to nine fractional digits (.NET keeps seven: the rest is dropped, which
    /// only matters for a <c>sinceTime</c> within 100 ns of a line).
    /// </summary>
    public static bool TryParseTime(ReadOnlySpan<byte> timestamp, out DateTimeOffset time)
    {
        Span<char> text = stackalloc char[40];
        if (timestamp.Length > 40)
        {
            time = default;
            return false;
        }
        var length = 0;
        var digits = -1;
        foreach (var b in timestamp)
        {
            if (b == (byte)'.')
            {
                digits = 0;
            }
            else if (digits >= 0 && b is >= (byte)'0' and <= (byte)'9')
            {
                if (++digits > 7)
                {
                    continue;
                }
            }
            else
            {
                digits = -1;
            }
            text[length++] = (char)b;
        }
        return DateTimeOffset.TryParse(text[..length], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
