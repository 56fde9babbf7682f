using System.Buffers;

namespace SharpKube.Kubelet.Logs;

/// <summary>
/// Turns CRI log file lines into the text a log reader sees: joins <c>P</c> chunks into one line, drops lines older
/// than <c>sinceTime</c>, adds timestamps when asked and stops at <c>limitBytes</c>. Output collects in a buffer that
/// <see cref="WriteToAsync"/> sends.
/// </summary>
internal sealed class CriLogWriter
{
    private readonly ContainerLogOptions _options;
    private readonly ArrayBufferWriter<byte> _pending = new(16 * 1024);
    private long _remaining;
    private bool _atLineStart = true;
    private bool _skippingLine;

    /// <summary>Creates a writer for one read.</summary>
    public CriLogWriter(ContainerLogOptions options)
    {
        _options = options;
        _remaining = options.LimitBytes ?? long.MaxValue;
    }

    /// <summary>True once <c>limitBytes</c> bytes have been produced: the read is over.</summary>
    public bool LimitReached => _remaining <= 0;

    /// <summary>Adds one file line.</summary>
    public void Add(CriLogLine line)
    {
        if (_atLineStart)
        {
            // The whole line is kept or dropped by the time of its first chunk, so no line is half-filtered.
            _skippingLine = _options.SinceTime is { } since
                && (!CriLogLine.TryParseTime(line.Timestamp, out var logged) || logged < since);
            if (!_skippingLine && _options.Timestamps)
            {
                Append(line.Timestamp);
                Append(" "u8);
            }
        }
        if (!_skippingLine)
        {
            Append(line.Content);
            if (!line.IsPartial)
            {
                Append("\n"u8);
            }
        }
        _atLineStart = !line.IsPartial;
    }

    /// <summary>Sends what was added since the last call, and flushes <paramref name="output"/> when following.</summary>
    public async ValueTask WriteToAsync(Stream output, bool flush, CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount == 0)
        {
            return;
        }
        await output.WriteAsync(_pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _pending.ResetWrittenCount();
        if (flush)
        {
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var count = (int)Math.Min(bytes.Length, _remaining);
        if (count <= 0)
        {
            return;
        }
        _pending.Write(bytes[..count]);
        _remaining -= count;
    }
}
