using System.Buffers.Binary;
using SharpKube.ApiMachinery.HttpStream.Spdy.Zlib;

namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>
/// Parses SPDY/3 frames from a byte stream whose reads may end anywhere (frames split across reads, even one byte
/// at a time, as when SPDY is tunnelled in small WebSocket messages). It owns the connection's inbound header
/// decompression context. Unknown control frame types are skipped, as the spec asks. Violations throw
/// <see cref="SpdyProtocolException"/>; a stream that ends inside a frame throws <see cref="EndOfStreamException"/>.
/// </summary>
public sealed class SpdyFrameReader : IDisposable
{
    /// <summary>The default cap on a decompressed header block.</summary>
    public const int DefaultMaxHeaderBlockSize = 256 * 1024;

    private readonly Stream _source;
    private readonly int _maxFrameLength;
    private readonly int _maxHeaderBlockSize;
    private readonly ZlibInflater _inflater = new(SpdyDictionary.Value);
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>A reader of <paramref name="source"/> (not owned).</summary>
    /// <param name="source">The byte stream.</param>
    /// <param name="maxFrameLength">Frames longer than this are refused (the 24-bit length field allows 16 MiB - 1).</param>
    /// <param name="maxHeaderBlockSize">Header blocks that decompress to more than this are a session error.</param>
    public SpdyFrameReader(Stream source, int maxFrameLength = SpdyFrameWriter.MaxPayloadLength, int maxHeaderBlockSize = DefaultMaxHeaderBlockSize)
    {
        _source = source;
        _maxFrameLength = maxFrameLength;
        _maxHeaderBlockSize = maxHeaderBlockSize;
    }

    /// <summary>The next frame, or null when the stream ends cleanly between frames.</summary>
    public async ValueTask<SpdyFrame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        var header = new byte[8];
        while (true)
        {
            if (!await ReadExactlyAsync(header, allowEnd: true, cancellationToken))
            {
                return null;
            }

            var first = BinaryPrimitives.ReadUInt32BigEndian(header);
            var flags = header[4];
            var length = (int)(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)) & 0xFF_FFFF);
            if ((first & 0x8000_0000) == 0)
            {
                return await ReadDataFrameAsync((int)(first & 0x7FFF_FFFF), flags, length, cancellationToken);
            }

            var version = (first >> 16) & 0x7FFF;
            var type = (ushort)(first & 0xFFFF);
            if (version != SpdyFrameWriter.Version)
            {
                // Its header block (if any) belongs to another compression scheme: nothing after it can be trusted.
                throw new SpdyProtocolException($"SPDY version {version} is not supported.");
            }

            if (!Enum.IsDefined((SpdyFrameType)type))
            {
                await SkipAsync(length, cancellationToken);
                continue;
            }

            // Control payloads are small; a long one is either a hostile header block or garbage.
            if (length > Math.Min(_maxFrameLength, _maxHeaderBlockSize + 1024))
            {
                throw new SpdyProtocolException($"A {(SpdyFrameType)type} frame of {length} bytes is too large.");
            }

            var payload = new byte[length];
            await ReadExactlyAsync(payload, allowEnd: false, cancellationToken);
            return ParseControl((SpdyFrameType)type, flags, payload);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _inflater.Dispose();

    private async ValueTask<SpdyFrame> ReadDataFrameAsync(int streamId, byte flags, int length, CancellationToken cancellationToken)
    {
        if (streamId == 0)
        {
            throw new SpdyProtocolException("A DATA frame names stream 0.");
        }

        if (length > _maxFrameLength)
        {
            // The payload carries no compression state, so skipping it keeps the connection usable.
            await SkipAsync(length, cancellationToken);
            throw new SpdyProtocolException($"A DATA frame of {length} bytes is too large.", streamId, SpdyStatusCode.FrameTooLarge);
        }

        var data = length == 0 ? [] : new byte[length];
        await ReadExactlyAsync(data, allowEnd: false, cancellationToken);
        return new SpdyDataFrame(streamId, data, flags);
    }

    private SpdyFrame ParseControl(SpdyFrameType type, byte flags, byte[] payload)
    {
        var span = payload.AsSpan();
        switch (type)
        {
            case SpdyFrameType.SynStream:
            {
                RequireLength(type, payload.Length >= 10);
                var streamId = StreamId(span);
                var associated = (int)(BinaryPrimitives.ReadUInt32BigEndian(span[4..]) & 0x7FFF_FFFF);
                var headers = DecodeHeaders(span[10..], streamId);
                return new SpdySynStreamFrame(streamId, headers, flags, associated, (byte)(span[8] >> 5));
            }

            case SpdyFrameType.SynReply:
            case SpdyFrameType.Headers:
            {
                RequireLength(type, payload.Length >= 4);
                var streamId = StreamId(span);
                var headers = DecodeHeaders(span[4..], streamId);
                return type == SpdyFrameType.SynReply
                    ? new SpdySynReplyFrame(streamId, headers, flags)
                    : new SpdyHeadersFrame(streamId, headers, flags);
            }

            case SpdyFrameType.RstStream:
                RequireLength(type, payload.Length == 8);
                var status = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
                return status == 0
                    ? throw new SpdyProtocolException("RST_STREAM carries status 0.")
                    : new SpdyRstStreamFrame(StreamId(span), (SpdyStatusCode)status);

            case SpdyFrameType.Settings:
            {
                RequireLength(type, payload.Length >= 4);
                var count = BinaryPrimitives.ReadUInt32BigEndian(span);
                RequireLength(type, payload.Length - 4 == count * 8L);
                var settings = new SpdySetting[count];
                for (var i = 0; i < settings.Length; i++)
                {
                    var idAndFlags = BinaryPrimitives.ReadUInt32BigEndian(span[(4 + (8 * i))..]);
                    var value = BinaryPrimitives.ReadUInt32BigEndian(span[(8 + (8 * i))..]);
                    settings[i] = new SpdySetting((int)(idAndFlags & 0xFF_FFFF), value, (byte)(idAndFlags >> 24));
                }

                return new SpdySettingsFrame(settings, flags);
            }

            case SpdyFrameType.Ping:
                RequireLength(type, payload.Length == 4);
                return new SpdyPingFrame(BinaryPrimitives.ReadUInt32BigEndian(span));

            case SpdyFrameType.GoAway:
                RequireLength(type, payload.Length == 8);
                return new SpdyGoAwayFrame(
                    (int)(BinaryPrimitives.ReadUInt32BigEndian(span) & 0x7FFF_FFFF),
                    (SpdyGoAwayStatus)BinaryPrimitives.ReadUInt32BigEndian(span[4..]));

            case SpdyFrameType.WindowUpdate:
            default:
            {
                RequireLength(type, payload.Length == 8);
                var streamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(span) & 0x7FFF_FFFF);
                var delta = (int)(BinaryPrimitives.ReadUInt32BigEndian(span[4..]) & 0x7FFF_FFFF);
                if (delta == 0)
                {
                    throw streamId == 0
                        ? new SpdyProtocolException("WINDOW_UPDATE with a zero delta.")
                        : new SpdyProtocolException("WINDOW_UPDATE with a zero delta.", streamId, SpdyStatusCode.ProtocolError);
                }

                return new SpdyWindowUpdateFrame(streamId, delta);
            }
        }
    }

    private SpdyHeaders DecodeHeaders(ReadOnlySpan<byte> compressed, int streamId)
    {
        // Always inflate, even for a frame about to be refused: the context must see every block to stay in step.
        byte[] block;
        try
        {
            block = _inflater.Decompress(compressed, _maxHeaderBlockSize);
        }
        catch (InvalidDataException e)
        {
            throw new SpdyProtocolException("Bad header block: " + e.Message);
        }

        return SpdyHeaders.Decode(block, streamId);
    }

    private static int StreamId(ReadOnlySpan<byte> payload)
    {
        var streamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF);
        return streamId == 0 ? throw new SpdyProtocolException("A stream frame names stream 0.") : streamId;
    }

    private static void RequireLength(SpdyFrameType type, bool ok)
    {
        if (!ok)
        {
            throw new SpdyProtocolException($"A {type} frame has the wrong length.");
        }
    }

    private async ValueTask SkipAsync(int length, CancellationToken cancellationToken)
    {
        var scratch = new byte[Math.Min(length, 16 * 1024)];
        while (length > 0)
        {
            var chunk = Math.Min(length, scratch.Length);
            await ReadExactlyAsync(scratch.AsMemory(0, chunk), allowEnd: false, cancellationToken);
            length -= chunk;
        }
    }

    /// <summary>Fills <paramref name="target"/>; false only when the stream ended before its first byte and that is allowed.</summary>
    private async ValueTask<bool> ReadExactlyAsync(Memory<byte> target, bool allowEnd, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < target.Length)
        {
            if (_start == _end)
            {
                if (target.Length - filled >= _buffer.Length)
                {
                    // Large payloads go straight to their destination.
                    var direct = await _source.ReadAsync(target[filled..], cancellationToken);
                    if (direct == 0)
                    {
                        return EndOfStream(filled, allowEnd);
                    }

                    filled += direct;
                    continue;
                }

                _start = 0;
                _end = await _source.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    return EndOfStream(filled, allowEnd);
                }
            }

            var count = Math.Min(_end - _start, target.Length - filled);
            _buffer.AsSpan(_start, count).CopyTo(target.Span[filled..]);
            _start += count;
            filled += count;
        }

        return true;
    }

    private static bool EndOfStream(int filled, bool allowEnd) =>
        filled == 0 && allowEnd ? false : throw new EndOfStreamException("The SPDY stream ended inside a frame.");
}
