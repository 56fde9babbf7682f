using System.Runtime.InteropServices;

namespace SharpKube.ApiMachinery.HttpStream.Spdy.Zlib;

/// <summary>
/// One zlib decompression context that supplies a preset dictionary when the stream asks for it, and decodes
/// sync-flushed blocks one at a time with a cap on the output of each. Not thread-safe: one reader owns it.
/// </summary>
internal sealed unsafe class ZlibInflater : IDisposable
{
    private readonly byte[] _dictionary;
    private byte* _stream;

    /// <summary>A context that answers a dictionary request with <paramref name="dictionary"/>.</summary>
    public ZlibInflater(ReadOnlySpan<byte> dictionary)
    {
        _dictionary = dictionary.ToArray();
        _stream = (byte*)NativeMemory.AllocZeroed(LibZ.StreamSize);
        fixed (byte* version = LibZ.Version)
        {
            var result = LibZ.InflateInit(_stream, version, LibZ.StreamSize);
            if (result != LibZ.Ok)
            {
                NativeMemory.Free(_stream);
                _stream = null;
                throw new InvalidOperationException($"zlib inflateInit failed ({result}).");
            }
        }
    }

    /// <summary>
    /// Decompresses one block. Throws <see cref="InvalidDataException"/> when the data is corrupt, ends the zlib
    /// stream, or would decompress to more than <paramref name="maxOutput"/> bytes (checked before it is buffered).
    /// </summary>
    public byte[] Decompress(ReadOnlySpan<byte> input, int maxOutput)
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        var buffer = new byte[Math.Min(maxOutput + 1, Math.Max(256, input.Length * 4))];
        var produced = 0;
        fixed (byte* source = input)
        {
            LibZ.SetInput(_stream, source, input.Length);
            try
            {
                while (true)
                {
                    if (produced == buffer.Length)
                    {
                        if (buffer.Length > maxOutput)
                        {
                            throw new InvalidDataException($"The header block decompresses to more than {maxOutput} bytes.");
                        }

                        Array.Resize(ref buffer, (int)Math.Min((long)maxOutput + 1, buffer.Length * 2L));
                    }

                    int result;
                    fixed (byte* target = &buffer[produced])
                    {
                        var space = buffer.Length - produced;
                        LibZ.SetOutput(_stream, target, space);
                        result = LibZ.Inflate(_stream, LibZ.SyncFlush);
                        produced += space - LibZ.AvailableOut(_stream);
                    }

                    if (result == LibZ.NeedDict)
                    {
                        SetDictionary();
                        continue;
                    }

                    if (result == LibZ.StreamEnd)
                    {
                        throw new InvalidDataException("The peer ended its header compression stream.");
                    }

                    if (result != LibZ.Ok && result != LibZ.BufError)
                    {
                        throw new InvalidDataException($"The header block is not valid zlib data ({result}).");
                    }

                    if (produced > maxOutput)
                    {
                        throw new InvalidDataException($"The header block decompresses to more than {maxOutput} bytes.");
                    }

                    // Done once all input is consumed and zlib left output space unused (nothing is held back).
                    if (LibZ.AvailableIn(_stream) == 0 && produced < buffer.Length)
                    {
                        break;
                    }

                    if (result == LibZ.BufError && produced < buffer.Length)
                    {
                        throw new InvalidDataException("The header block is truncated zlib data.");
                    }
                }
            }
            finally
            {
                LibZ.SetInput(_stream, null, 0);
            }
        }

        return buffer.AsSpan(0, produced).ToArray();
    }

    private void SetDictionary()
    {
        fixed (byte* dict = _dictionary)
        {
            var result = LibZ.InflateSetDictionary(_stream, dict, (uint)_dictionary.Length);
            if (result != LibZ.Ok)
            {
                throw new InvalidDataException($"The header block asks for a dictionary other than SPDY/3's ({result}).");
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_stream is not null)
        {
            _ = LibZ.InflateEnd(_stream);
            NativeMemory.Free(_stream);
            _stream = null;
        }
    }
}
