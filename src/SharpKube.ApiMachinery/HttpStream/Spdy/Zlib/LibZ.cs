using System.Runtime.InteropServices;

namespace SharpKube.ApiMachinery.HttpStream.Spdy.Zlib;

/// <summary>
/// The few entry points of the system zlib (libz.so.1) that SPDY header compression needs.
/// </summary>
/// <remarks>
/// Why native zlib rather than a managed package: SPDY/3 needs a preset dictionary and a true Z_SYNC_FLUSH after every
/// header block, exactly as the Go peers (moby/spdystream in kubectl, the kubelet and containerd) produce and expect.
/// .NET's ZLibStream offers neither; libz.so.1 does both, ships with every Debian system (zlib1g is a required package),
/// and adds no dependency to the build. The z_stream structure is laid out for LP64 Linux (uLong is 64-bit), and lives
/// in native memory because zlib checks that it never moves.
/// </remarks>
internal static unsafe partial class LibZ
{
    private const string Library = "libz.so.1";

    /// <summary>sizeof(z_stream) on LP64.</summary>
    public const int StreamSize = 112;

    /// <summary>Offsets of the z_stream fields used here.</summary>
    public const int NextInOffset = 0;
    /// <summary>avail_in (uInt).</summary>
    public const int AvailInOffset = 8;
    /// <summary>next_out (Bytef*).</summary>
    public const int NextOutOffset = 24;
    /// <summary>avail_out (uInt).</summary>
    public const int AvailOutOffset = 32;

    /// <summary>Return codes and flush modes.</summary>
    public const int Ok = 0;
    /// <summary>Z_STREAM_END.</summary>
    public const int StreamEnd = 1;
    /// <summary>Z_NEED_DICT.</summary>
    public const int NeedDict = 2;
    /// <summary>Z_BUF_ERROR: no progress was possible (not fatal).</summary>
    public const int BufError = -5;
    /// <summary>Z_SYNC_FLUSH.</summary>
    public const int SyncFlush = 2;
    /// <summary>Z_DEFAULT_COMPRESSION.</summary>
    public const int DefaultCompression = -1;

    /// <summary>zlib only compares the first character of the version it was built with.</summary>
    public static ReadOnlySpan<byte> Version => "1.2.11\0"u8;

    [LibraryImport(Library, EntryPoint = "deflateInit_")]
    public static partial int DeflateInit(byte* stream, int level, byte* version, int streamSize);

    [LibraryImport(Library, EntryPoint = "deflateSetDictionary")]
    public static partial int DeflateSetDictionary(byte* stream, byte* dictionary, uint length);

    [LibraryImport(Library, EntryPoint = "deflate")]
    public static partial int Deflate(byte* stream, int flush);

    [LibraryImport(Library, EntryPoint = "deflateEnd")]
    public static partial int DeflateEnd(byte* stream);

    [LibraryImport(Library, EntryPoint = "inflateInit_")]
    public static partial int InflateInit(byte* stream, byte* version, int streamSize);

    [LibraryImport(Library, EntryPoint = "inflateSetDictionary")]
    public static partial int InflateSetDictionary(byte* stream, byte* dictionary, uint length);

    [LibraryImport(Library, EntryPoint = "inflate")]
    public static partial int Inflate(byte* stream, int flush);

    [LibraryImport(Library, EntryPoint = "inflateEnd")]
    public static partial int InflateEnd(byte* stream);

    /// <summary>Points the stream at its next input.</summary>
    public static void SetInput(byte* stream, byte* input, int length)
    {
        *(byte**)(stream + NextInOffset) = input;
        *(uint*)(stream + AvailInOffset) = (uint)length;
    }

    /// <summary>Points the stream at its next output space.</summary>
    public static void SetOutput(byte* stream, byte* output, int length)
    {
        *(byte**)(stream + NextOutOffset) = output;
        *(uint*)(stream + AvailOutOffset) = (uint)length;
    }

    /// <summary>Input bytes not yet consumed.</summary>
    public static int AvailableIn(byte* stream) => (int)*(uint*)(stream + AvailInOffset);

    /// <summary>Output space not yet used.</summary>
    public static int AvailableOut(byte* stream) => (int)*(uint*)(stream + AvailOutOffset);
}
