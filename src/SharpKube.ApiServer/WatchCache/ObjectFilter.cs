namespace SharpKube.ApiServer.WatchCache;

/// <summary>
/// Which objects a LIST or WATCH wants: a namespace (or all), and a predicate built from the label and
/// field selectors.
/// </summary>
/// <param name="Namespace">Namespace to restrict to; null for all namespaces.</param>
/// <param name="Predicate">Selector match; null matches everything.</param>
/// <param name="ExactName">A name pinned by <c>metadata.name=</c>, letting lookups skip the scan; null otherwise.</param>
public sealed record ObjectFilter(string? Namespace, Func<CachedObject, bool>? Predicate, string? ExactName = null)
{
    /// <summary>Matches every object in every namespace.</summary>
    public static ObjectFilter Everything { get; } = new(null, null);

    /// <summary>True when <paramref name="obj"/> is wanted.</summary>
    public bool Matches(CachedObject obj) =>
        (Namespace is null || Namespace == obj.Namespace)
        && (ExactName is null || ExactName == obj.Name)
        && (Predicate is null || Predicate(obj));
}
