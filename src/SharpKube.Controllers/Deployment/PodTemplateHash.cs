using System.Buffers.Binary;
using System.Globalization;
using k8s.Models;

namespace SharpKube.Controllers.Deployment;

/// <summary>
/// The <c>pod-template-hash</c> of a Deployment's pod template: FNV-32a over the template's canonical JSON (and the
/// Deployment's <c>status.collisionCount</c>, when set, so a collision yields a new name), printed in decimal and
/// spelled in upstream's "safe" alphabet of consonants and digits that cannot form words. Like upstream's, it is up
/// to 10 characters long; it names the ReplicaSet (<c>&lt;deployment&gt;-&lt;hash&gt;</c>) and labels its pods.
/// </summary>
internal static class PodTemplateHash
{
    /// <summary>The label (on ReplicaSets, their selectors and templates, and pods) that carries the hash.</summary>
    public const string Label = "pod-template-hash";

    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>The hash of <paramref name="template"/> (without any hash label of its own) and <paramref name="collisionCount"/>.</summary>
    public static string Compute(V1PodTemplateSpec template, int? collisionCount)
    {
        var hash = FnvOffsetBasis;
        hash = Add(hash, CanonicalJson.Serialize(template));
        if (collisionCount is { } count)
        {
            // Eight bytes with the count little-endian in the first four, as upstream writes it.
            Span<byte> bytes = stackalloc byte[8];
            bytes.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, unchecked((uint)count));
            hash = Add(hash, bytes);
        }
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Maps each character to the safe alphabet by its code, as upstream's <c>SafeEncodeString</c>.</summary>
    public static string SafeEncode(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = SafeAlphabet[source[i] % SafeAlphabet.Length];
            }
        });

    private static uint Add(uint hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash ^= b;
            hash = unchecked(hash * FnvPrime);
        }
        return hash;
    }
}
