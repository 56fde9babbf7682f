using System.Text;
using Google.Protobuf;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// Turns caller keys into etcd keys and back: the wire key is the store's key prefix followed by the key, both UTF-8.
/// </summary>
/// <remarks>
/// Invariant: every wire key this codec produces or accepts starts with the prefix bytes, and every range it builds
/// stays inside the prefix, so two stores with different prefixes never see each other's keys.
/// </remarks>
internal sealed class EtcdKeyCodec
{
    private static readonly ByteString ZeroByte = ByteString.CopyFrom(0);
    private readonly byte[] _prefix;

    public EtcdKeyCodec(string keyPrefix)
    {
        _prefix = Encoding.UTF8.GetBytes(keyPrefix);
    }

    /// <summary>The wire form of <paramref name="key"/> (also of a prefix).</summary>
    public ByteString Encode(string key) => UnsafeByteOperations.UnsafeWrap(Concat(key, extraZero: false));

    /// <summary>
    /// The first wire key of the range under <paramref name="prefix"/>. etcd rejects an empty key, so the whole key
    /// space (no store prefix, empty caller prefix) starts at "\0", the smallest key there is.
    /// </summary>
    public ByteString RangeStart(string prefix) => _prefix.Length == 0 && prefix.Length == 0 ? ZeroByte : Encode(prefix);

    /// <summary>The smallest wire key strictly after <paramref name="key"/>: the key followed by a zero byte.</summary>
    public ByteString After(string key) => UnsafeByteOperations.UnsafeWrap(Concat(key, extraZero: true));

    /// <summary>
    /// The exclusive end of the wire range holding every key under <paramref name="prefix"/>. Computed on the wire bytes
    /// rather than with <see cref="KeyRange.End"/> because the store's own prefix comes first: an empty caller prefix
    /// must still stop at the end of the store's prefix, not run to the end of etcd's key space.
    /// </summary>
    public ByteString RangeEnd(string prefix)
    {
        var bytes = Concat(prefix, extraZero: false);
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            // UTF-8 never contains 0xFF, but a byte that cannot be incremented is dropped all the same, as etcd does.
            if (bytes[i] < 0xFF)
            {
                bytes[i]++;
                return UnsafeByteOperations.UnsafeWrap(bytes.AsMemory(0, i + 1));
            }
        }

        // "\0" as a range end means "to the end of the key space" to etcd.
        return ZeroByte;
    }

    /// <summary>The caller's key for a wire key read from etcd.</summary>
    public string Decode(ByteString wireKey)
    {
        var span = wireKey.Span;
        if (!span.StartsWith(_prefix))
        {
            throw new StorageException(StorageErrorCode.Corrupt,
                $"etcd returned the key \"{Encoding.UTF8.GetString(span)}\" outside this store's key prefix");
        }

        return Encoding.UTF8.GetString(span[_prefix.Length..]);
    }

    /// <summary>The contract's view of an etcd key-value; the value bytes are shared with the (immutable) message.</summary>
    public KeyValue ToKeyValue(Protocol.KeyValue kv) =>
        new(Decode(kv.Key), kv.Value.Memory, kv.CreateRevision, kv.ModRevision);

    private byte[] Concat(string key, bool extraZero)
    {
        var length = _prefix.Length + Encoding.UTF8.GetByteCount(key) + (extraZero ? 1 : 0);
        var bytes = new byte[length];
        _prefix.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(key, bytes.AsSpan(_prefix.Length));
        return bytes;
    }
}
