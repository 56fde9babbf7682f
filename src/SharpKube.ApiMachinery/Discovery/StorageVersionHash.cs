using System.Security.Cryptography;
using System.Text;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Discovery;

/// <summary>
/// The <c>storageVersionHash</c> of legacy discovery: an opaque token that changes when a resource's storage
/// version changes (clients such as the storage version migrator compare it). Upstream derives it from the
/// storage group/version/kind: base64 of the first 8 bytes of SHA-256 over <c>group/version/kind</c>.
/// </summary>
public static class StorageVersionHash
{
    /// <summary>The hash of a resource's storage version, or null for resources that are never stored.</summary>
    public static string? For(ResourceDefinition resource)
    {
        if (!resource.Persisted)
        {
            return null;
        }
        var group = resource.StorageGroup ?? resource.Group;
        var version = resource.StorageVersion ?? resource.Version;
        return Compute(group, version, resource.Kind);
    }

    /// <summary>The hash of the given storage group, version and kind.</summary>
    public static string Compute(string group, string version, string kind)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(group + "/" + version + "/" + kind), digest);
        return Convert.ToBase64String(digest[..8]);
    }
}
