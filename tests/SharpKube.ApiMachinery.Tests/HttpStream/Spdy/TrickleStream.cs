namespace SharpKube.ApiMachinery.Tests.HttpStream.Spdy;

/// <summary>A read-only stream over bytes that hands out at most a given number of bytes per read, or splits once.</summary>
public sealed class TrickleStream(byte[] bytes, Func<int, int> nextReadSize) : Stream
{
    private int _position;

    /// <summary>One byte per read: every frame boundary and every byte inside a frame is a read boundary.</summary>
    public static TrickleStream OneByteAtATime(byte[] bytes) => new(bytes, _ => 1);

    /// <summary>Two reads: everything before <paramref name="split"/>, then the rest.</summary>
    public static TrickleStream SplitAt(byte[] bytes, int split) => new(bytes, position => position < split ? split - position : bytes.Length - position);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => bytes.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var size = Math.Min(Math.Min(count, nextReadSize(_position)), bytes.Length - _position);
        Array.Copy(bytes, _position, buffer, offset, size);
        _position += size;
        return size;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
