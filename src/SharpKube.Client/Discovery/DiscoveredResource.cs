using SharpKube.Client.Resources;

namespace SharpKube.Client.Discovery;

/// <summary>One resource the server serves, with the verbs discovery lists for it.</summary>
/// <param name="Resource">Where the resource lives.</param>
/// <param name="Verbs">The verbs, e.g. <c>list</c>, <c>watch</c>, <c>delete</c>.</param>
public sealed record DiscoveredResource(ApiResource Resource, IReadOnlyList<string> Verbs)
{
    /// <summary>True when every one of <paramref name="verbs"/> is listed.</summary>
    public bool Supports(params string[] verbs) => verbs.All(v => Verbs.Contains(v, StringComparer.Ordinal));
}
