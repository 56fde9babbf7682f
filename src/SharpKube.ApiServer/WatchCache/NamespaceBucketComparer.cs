namespace SharpKube.ApiServer.WatchCache;

/// <summary>
/// Orders namespaces the way their keys order in the datastore (<c>…/ns/name</c>): as if each namespace
/// were followed by '/', so "a" sorts after "a-b". Listing bucket by bucket then yields key order, which
/// continue tokens rely on.
/// </summary>
public sealed class NamespaceBucketComparer : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static NamespaceBucketComparer Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        x ??= "";
        y ??= "";
        var length = Math.Min(x.Length, y.Length);
        var common = string.CompareOrdinal(x, 0, y, 0, length);
        if (common != 0)
        {
            return common;
        }
        if (x.Length == y.Length)
        {
            return 0;
        }
        // One is a prefix of the other: compare the '/' that follows the shorter with the longer's next char.
        return x.Length < y.Length ? '/'.CompareTo(y[length]) : x[length].CompareTo('/');
    }
}
