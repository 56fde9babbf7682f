namespace SharpKube.ApiMachinery.Registry;

/// <summary>
/// A subresource of a resource, e.g. <c>pods/status</c> or <c>deployments/scale</c>. When the
/// subresource's kind lives in another group (Scale in autoscaling/v1, Eviction in policy/v1),
/// <see cref="Group"/> and <see cref="Version"/> say so; discovery must report them.
/// </summary>
/// <param name="Name">Subresource name, e.g. <c>status</c>.</param>
/// <param name="Kind">Kind of the request/response object, e.g. <c>Scale</c>.</param>
/// <param name="Verbs">Verbs served, e.g. get, patch, update.</param>
/// <param name="Group">Group of <paramref name="Kind"/> when it differs from the parent's; null otherwise.</param>
/// <param name="Version">Version of <paramref name="Kind"/> when it differs from the parent's; null otherwise.</param>
public sealed record SubresourceDefinition(
    string Name,
    string Kind,
    IReadOnlyList<string> Verbs,
    string? Group = null,
    string? Version = null);
