using System.Security.Cryptography;

namespace SharpKube.Kubelet.Images;

/// <summary>A content-addressed blob: its bytes, its <c>sha256:…</c> digest and its size, as descriptors name them.</summary>
internal sealed class OciBlob
{
    /// <summary>Wraps <paramref name="content"/> and computes its digest.</summary>
    public OciBlob(byte[] content)
    {
        Content = content;
        Digest = DigestOf(content);
    }

    /// <summary>The bytes.</summary>
    public byte[] Content { get; }

    /// <summary><c>sha256:</c> and the lower-case hex SHA-256 of the bytes.</summary>
    public string Digest { get; }

    /// <summary>The hex part of <see cref="Digest"/>: the blob's file name under <c>blobs/sha256/</c>.</summary>
    public string Hex => Digest["sha256:".Length..];

    /// <summary>The length in bytes.</summary>
    public long Size => Content.LongLength;

    /// <summary>The <c>sha256:…</c> digest of <paramref name="bytes"/>.</summary>
    public static string DigestOf(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
