using System.Text;

namespace SharpKube.Storage;

/// <summary>
/// The sizes every driver accepts. They match etcd's defaults so a cluster can move between drivers:
/// etcd refuses requests over 1.5 MiB, and Kubernetes keys are short registry paths.
/// </summary>
public static class StorageLimits
{
    /// <summary>The longest key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 4096;

    /// <summary>The largest value, in bytes (etcd's default request limit, 1.5 MiB).</summary>
    public const int MaxValueBytes = 1536 * 1024;

    /// <summary>The longest time-to-live a write may carry.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(365);

    /// <summary>Throws <see cref="StorageErrorCode.InvalidKey"/> unless <paramref name="key"/> is a key the store accepts.</summary>
    public static void ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new StorageException(StorageErrorCode.InvalidKey, "key must not be empty") { Key = key };
        }

        if (key.Length * 3 > MaxKeyBytes && Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw new StorageException(StorageErrorCode.InvalidKey,
                $"key is {Encoding.UTF8.GetByteCount(key)} bytes; the limit is {MaxKeyBytes}")
            { Key = key[..64] + "…" };
        }

        ValidateUnicode(key, "key");
    }

    /// <summary>Throws <see cref="StorageErrorCode.InvalidKey"/> unless <paramref name="prefix"/> is a valid (possibly empty) prefix.</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > MaxKeyBytes)
        {
            throw new StorageException(StorageErrorCode.InvalidKey, $"prefix is longer than the key limit of {MaxKeyBytes} bytes");
        }

        ValidateUnicode(prefix, "prefix");
    }

    /// <summary>Throws <see cref="StorageErrorCode.ValueTooLarge"/> when a value is over the limit.</summary>
    public static void ValidateValue(string key, ReadOnlyMemory<byte> value)
    {
        if (value.Length > MaxValueBytes)
        {
            throw new StorageException(StorageErrorCode.ValueTooLarge,
                $"value of {key} is {value.Length} bytes; the limit is {MaxValueBytes}")
            { Key = key };
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a TTL that is not positive or is too long.</summary>
    public static void ValidateTtl(TimeSpan? ttl)
    {
        if (ttl is { } t && (t <= TimeSpan.Zero || t > MaxTtl))
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), t, $"a TTL must be positive and at most {MaxTtl.TotalDays} days");
        }
    }

    private static void ValidateUnicode(string text, string what)
    {
        // A lone surrogate cannot be encoded as UTF-8, so it cannot be a key.
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new StorageException(StorageErrorCode.InvalidKey, $"{what} contains a lone UTF-16 surrogate at index {i}")
                { Key = text.Length > 64 ? text[..64] : text };
            }
        }
    }
}
