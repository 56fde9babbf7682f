using System.Security.Cryptography;
using System.Text;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Nftables;

/// <summary>
/// Names of the per-service chains and sets: a kind prefix, a short hash (so the name is unique however the readable
/// part reads) and <c>namespace/name/protocol/port</c>, plus <c>__ip/port</c> for an endpoint's chain and set.
/// </summary>
internal static class NftablesNames
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The readable part of a service port's names: <c>ns/name/tcp/port</c>.</summary>
    public static string ServicePortId(ServicePortName name) =>
        name.Namespace + "/" + name.Name + "/" + Protocol(name.Protocol) + "/" + name.Port;

    /// <summary>The nft keyword of a protocol.</summary>
    public static string Protocol(ServiceProtocol protocol) => protocol switch
    {
        ServiceProtocol.Udp => "udp",
        ServiceProtocol.Sctp => "sctp",
        _ => "tcp",
    };

    /// <summary>Prefixes <paramref name="id"/> with <paramref name="kind"/> and its hash: <c>kind-HASH-id</c>.</summary>
    public static string Hashed(string kind, string id) => kind + "-" + Hash(id) + "-" + id;

    /// <summary>The readable part of an endpoint's names: <c>ns/name/tcp/port__ip/port</c>.</summary>
    public static string EndpointId(string servicePortId, EndpointInfo endpoint) =>
        servicePortId + "__" + endpoint.Address + "/" + endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The backend-map shard of a service port: a number below <see cref="BaseRuleset.BackendShards"/>.</summary>
    public static int Shard(string servicePortId)
    {
        return Alphabet.IndexOf(Hash(servicePortId)[0], StringComparison.Ordinal) % BaseRuleset.BackendShards;
    }

    /// <summary>Eight base-32 characters of the SHA-256 of <paramref name="id"/>.</summary>
    private static string Hash(string id)
    {
        Span<byte> digest = stackalloc byte[32];
        Span<byte> input = stackalloc byte[Encoding.UTF8.GetMaxByteCount(id.Length)];
        var length = Encoding.UTF8.GetBytes(id, input);
        SHA256.HashData(input[..length], digest);
        Span<char> text = stackalloc char[8];
        ulong bits = 0;
        for (var i = 0; i < 5; i++)
        {
            bits = (bits << 8) | digest[i];
        }

        for (var i = 7; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return new string(text);
    }
}
