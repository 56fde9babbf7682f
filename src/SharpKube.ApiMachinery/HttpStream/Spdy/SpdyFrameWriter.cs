using System.Buffers;
using System.Buffers.Binary;
using SharpKube.ApiMachinery.HttpStream.Spdy.Zlib;

namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>
/// Serializes SPDY/3 frames onto a stream. It owns the connection's outbound header compression context, so frames
/// must be appended in the order they go on the wire, by one writer at a time.
/// </summary>
public sealed class SpdyFrameWriter : IDisposable
{
    /// <summary>The protocol version written in control frames.</summary>
    public const ushort Version = 3;

    /// <summary>The largest payload a 24-bit length can carry.</summary>
    public const int MaxPayloadLength = 0xFF_FFFF;

    private readonly Stream _destination;
    private readonly ZlibDeflater _deflater = new(SpdyDictionary.Value);
    private readonly ArrayBufferWriter<byte> _pending = new(16 * 1024);
    private readonly ArrayBufferWriter<byte> _headerBlock = new(1024);

    /// <summary>A writer onto <paramref name="destination"/> (not owned).</summary>
    public SpdyFrameWriter(Stream destination)
    {
        _destination = destination;
    }

    /// <summary>Bytes appended and not yet flushed.</summary>
    public int PendingBytes => _pending.WrittenCount;

    /// <summary>Serializes <paramref name="frame"/> into the pending buffer (compressing its header block now).</summary>
    public void Append(SpdyFrame frame)
    {
        switch (frame)
        {
            case SpdyDataFrame data:
                CheckLength(data.Data.Length);
                WriteUInt32(_pending, (uint)data.StreamId & 0x7FFF_FFFF);
                WriteFlagsAndLength(_pending, data.Flags, data.Data.Length);
                _pending.Write(data.Data.Span);
                break;
            case SpdySynStreamFrame syn:
                var block = Compress(syn.Headers);
                WriteControlHeader(SpdyFrameType.SynStream, syn.Flags, 10 + block.Length);
                WriteUInt32(_pending, (uint)syn.StreamId & 0x7FFF_FFFF);
                WriteUInt32(_pending, (uint)syn.AssociatedStreamId & 0x7FFF_FFFF);
                _pending.Write<byte>([(byte)(syn.Priority << 5), 0]);
                _pending.Write(block);
                break;
            case SpdySynReplyFrame reply:
                WriteStreamHeaders(SpdyFrameType.SynReply, reply.Flags, reply.StreamId, reply.Headers);
                break;
            case SpdyHeadersFrame headers:
                WriteStreamHeaders(SpdyFrameType.Headers, headers.Flags, headers.StreamId, headers.Headers);
                break;
            case SpdyRstStreamFrame rst:
                WriteControlHeader(SpdyFrameType.RstStream, SpdyFlags.None, 8);
                WriteUInt32(_pending, (uint)rst.StreamId & 0x7FFF_FFFF);
                WriteUInt32(_pending, (uint)rst.Status);
                break;
            case SpdySettingsFrame settings:
                WriteControlHeader(SpdyFrameType.Settings, settings.Flags, 4 + (8 * settings.Settings.Count));
                WriteUInt32(_pending, (uint)settings.Settings.Count);
                foreach (var setting in settings.Settings)
                {
                    WriteUInt32(_pending, ((uint)setting.Flags << 24) | ((uint)setting.Id & 0xFF_FFFF));
                    WriteUInt32(_pending, setting.Value);
                }

                break;
            case SpdyPingFrame ping:
                WriteControlHeader(SpdyFrameType.Ping, SpdyFlags.None, 4);
                WriteUInt32(_pending, ping.Id);
                break;
            case SpdyGoAwayFrame goAway:
                WriteControlHeader(SpdyFrameType.GoAway, SpdyFlags.None, 8);
                WriteUInt32(_pending, (uint)goAway.LastGoodStreamId & 0x7FFF_FFFF);
                WriteUInt32(_pending, (uint)goAway.Status);
                break;
            case SpdyWindowUpdateFrame update:
                WriteControlHeader(SpdyFrameType.WindowUpdate, SpdyFlags.None, 8);
                WriteUInt32(_pending, (uint)update.StreamId & 0x7FFF_FFFF);
                WriteUInt32(_pending, (uint)update.Delta & 0x7FFF_FFFF);
                break;
            default:
                throw new ArgumentException($"Unknown frame {frame.GetType().Name}.", nameof(frame));
        }
    }

    /// <summary>Writes and flushes what was appended.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_pending.WrittenCount > 0)
        {
            await _destination.WriteAsync(_pending.WrittenMemory, cancellationToken);
            _pending.ResetWrittenCount();
        }

        await _destination.FlushAsync(cancellationToken);
    }

    /// <summary>Appends one frame, writes and flushes it.</summary>
    public ValueTask WriteAsync(SpdyFrame frame, CancellationToken cancellationToken = default)
    {
        Append(frame);
        return FlushAsync(cancellationToken);
    }

    /// <summary>The bytes of <paramref name="frame"/> alone (continuing this writer's compression context).</summary>
    public byte[] Encode(SpdyFrame frame)
    {
        var before = _pending.WrittenCount;
        Append(frame);
        var bytes = _pending.WrittenSpan[before..].ToArray();
        var kept = _pending.WrittenSpan[..before].ToArray();
        _pending.ResetWrittenCount();
        _pending.Write(kept);
        return bytes;
    }

    /// <inheritdoc/>
    public void Dispose() => _deflater.Dispose();

    private void WriteStreamHeaders(SpdyFrameType type, byte flags, int streamId, SpdyHeaders headers)
    {
        var block = Compress(headers);
        WriteControlHeader(type, flags, 4 + block.Length);
        WriteUInt32(_pending, (uint)streamId & 0x7FFF_FFFF);
        _pending.Write(block);
    }

    private ReadOnlySpan<byte> Compress(SpdyHeaders headers)
    {
        _headerBlock.ResetWrittenCount();
        _deflater.Compress(headers.Encode(), _headerBlock);
        return _headerBlock.WrittenSpan;
    }

    private void WriteControlHeader(SpdyFrameType type, byte flags, int length)
    {
        CheckLength(length);
        WriteUInt32(_pending, 0x8000_0000u | ((uint)Version << 16) | (ushort)type);
        WriteFlagsAndLength(_pending, flags, length);
    }

    private static void CheckLength(int length)
    {
        if (length > MaxPayloadLength)
        {
            throw new ArgumentException($"A SPDY frame carries at most {MaxPayloadLength} bytes, not {length}.");
        }
    }

    private static void WriteFlagsAndLength(ArrayBufferWriter<byte> output, byte flags, int length) =>
        WriteUInt32(output, ((uint)flags << 24) | (uint)length);

    private static void WriteUInt32(ArrayBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }
}
