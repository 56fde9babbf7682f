using System.Buffers;
using System.Runtime.InteropServices;

namespace SharpKube.ApiMachinery.HttpStream.Spdy.Zlib;

/// <summary>
/// One zlib compression context with a preset dictionary: every call compresses one block and ends it with a
/// sync flush, so the peer can decode each block as soon as it arrives while the context (and its window) carries on.
/// Not thread-safe: one writer owns it.
/// </summary>
internal sealed unsafe class ZlibDeflater : IDisposable
{
    private byte* _stream;

    /// <summary>A context primed with <paramref name="dictionary"/>.</summary>
    public ZlibDeflater(ReadOnlySpan<byte> dictionary)
    {
        _stream = (byte*)NativeMemory.AllocZeroed(LibZ.StreamSize);
        fixed (byte* version = LibZ.Version)
        fixed (byte* dict = dictionary)
        {
            var result = LibZ.DeflateInit(_stream, LibZ.DefaultCompression, version, LibZ.StreamSize);
            if (result != LibZ.Ok)
            {
                NativeMemory.Free(_stream);
                _stream = null;
                throw new InvalidOperationException($"zlib deflateInit failed ({result}).");
            }

            result = LibZ.DeflateSetDictionary(_stream, dict, (uint)dictionary.Length);
            if (result != LibZ.Ok)
            {
                Dispose();
                throw new InvalidOperationException($"zlib deflateSetDictionary failed ({result}).");
            }
        }
    }

    /// <summary>Compresses <paramref name="input"/> and sync-flushes, appending the output to <paramref name="output"/>.</summary>
    public void Compress(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        fixed (byte* source = input)
        {
            LibZ.SetInput(_stream, source, input.Length);
            while (true)
            {
                var span = output.GetSpan(Math.Max(256, input.Length + 64));
                int written;
                fixed (byte* target = span)
                {
                    LibZ.SetOutput(_stream, target, span.Length);
                    var result = LibZ.Deflate(_stream, LibZ.SyncFlush);
                    if (result != LibZ.Ok && result != LibZ.BufError)
                    {
                        throw new InvalidOperationException($"zlib deflate failed ({result}).");
                    }

                    written = span.Length - LibZ.AvailableOut(_stream);
                }

                output.Advance(written);
                // zlib has flushed everything once it leaves output space unused.
                if (written < span.Length && LibZ.AvailableIn(_stream) == 0)
                {
                    break;
                }
            }

            LibZ.SetInput(_stream, null, 0);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_stream is not null)
        {
            _ = LibZ.DeflateEnd(_stream);
            NativeMemory.Free(_stream);
            _stream = null;
        }
    }
}
