namespace SharpKube.Scheduler.Framework;

/// <summary>The resource names the scheduler treats specially, and upstream's rule for the other (scalar) ones.</summary>
public static class ResourceNames
{
    /// <summary>CPU, counted in millicores.</summary>
    public const string Cpu = "cpu";

    /// <summary>Memory, in bytes.</summary>
    public const string Memory = "memory";

    /// <summary>Local ephemeral storage, in bytes.</summary>
    public const string EphemeralStorage = "ephemeral-storage";

    /// <summary>The number of pods a node takes.</summary>
    public const string Pods = "pods";

    /// <summary>
    /// Whether a resource other than cpu, memory, ephemeral-storage and pods is counted (upstream's
    /// <c>IsScalarResourceName</c>): extended resources (<c>example.com/gpu</c>), hugepages, native resources with the
    /// <c>kubernetes.io/</c> prefix and attachable volumes. Anything else (e.g. <c>storage</c>) is ignored.
    /// </summary>
    public static bool IsScalar(string name) =>
        IsExtended(name)
        || name.StartsWith("hugepages-", StringComparison.Ordinal)
        || name.Contains("kubernetes.io/", StringComparison.Ordinal)
        || name.StartsWith("attachable-volumes-", StringComparison.Ordinal);

    /// <summary>
    /// An extended resource: a domain-prefixed name outside <c>kubernetes.io/</c>, not a quota name
    /// (<c>requests.</c>), as upstream's <c>IsExtendedResourceName</c>.
    /// </summary>
    public static bool IsExtended(string name) =>
        name.Contains('/', StringComparison.Ordinal)
        && !name.Contains("kubernetes.io/", StringComparison.Ordinal)
        && !name.StartsWith("requests.", StringComparison.Ordinal);
}
