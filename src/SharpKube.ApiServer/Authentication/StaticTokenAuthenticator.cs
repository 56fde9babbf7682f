using System.Buffers;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace SharpKube.ApiServer.Authentication;

/// <summary>
/// Bearer tokens known in advance (upstream <c>--token-auth-file</c>, and tokens the server creates for itself).
/// Only SHA-256 digests of the tokens are kept, and a presented token is compared with every entry in constant time,
/// so neither memory dumps nor response timing reveal a token.
/// </summary>
public sealed class StaticTokenAuthenticator : ITokenAuthenticator
{
    private const int MaxStackTokenBytes = 1024;

    private readonly Lock _writeLock = new();
    private ImmutableArray<Entry> _entries = [];

    /// <summary>How many tokens are known.</summary>
    public int Count => _entries.Length;

    /// <summary>Reads a token file in the upstream <c>--token-auth-file</c> format: <c>token,user,uid,"group1,group2"</c>.</summary>
    /// <exception cref="InvalidDataException">A line has fewer than three columns; the message names file and line.</exception>
    public static StaticTokenAuthenticator FromFile(string path)
    {
        var authenticator = new StaticTokenAuthenticator();
        authenticator.AddFile(path);
        return authenticator;
    }

    /// <summary>Adds every token of a <c>--token-auth-file</c>; a token already known is replaced (the last wins).</summary>
    /// <exception cref="InvalidDataException">A line has fewer than three columns; the message names file and line.</exception>
    public void AddFile(string path)
    {
        foreach (var entry in TokenAuthFile.Read(path))
        {
            Add(entry.Token, entry.User, entry.Uid, entry.Groups);
        }
    }

    /// <summary>Adds a token for a user; a token already known is replaced.</summary>
    /// <param name="token">The bearer token (secret).</param>
    /// <param name="user">The user name.</param>
    /// <param name="uid">The user's uid, or null.</param>
    /// <param name="groups">The user's groups; <c>system:authenticated</c> is added at authentication.</param>
    public void Add(string token, string user, string? uid, IEnumerable<string> groups)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(groups);
        var entry = new Entry(Digest(token), new UserInfo(user, string.IsNullOrEmpty(uid) ? null : uid, [.. groups]));
        lock (_writeLock)
        {
            var replaced = _entries.RemoveAll(e => e.TokenDigest.AsSpan().SequenceEqual(entry.TokenDigest));
            _entries = replaced.Add(entry);
        }
    }

    /// <inheritdoc />
    public UserInfo? AuthenticateToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length == 0)
        {
            return null;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var byteCount = Encoding.UTF8.GetByteCount(token);
        byte[]? rented = null;
        var utf8 = byteCount <= MaxStackTokenBytes
            ? stackalloc byte[MaxStackTokenBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var length = Encoding.UTF8.GetBytes(token, utf8);
            SHA256.HashData(utf8[..length], digest);
        }
        finally
        {
            // The buffer held a secret.
            CryptographicOperations.ZeroMemory(utf8);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        // Every entry is compared, whether or not an earlier one matched.
        UserInfo? user = null;
        foreach (var entry in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(entry.TokenDigest, digest))
            {
                user = entry.User;
            }
        }

        return user;
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private sealed record Entry(byte[] TokenDigest, UserInfo User);
}
