namespace SharpKube.Controllers.Namespace;

/// <summary>What discovery found: the deletable namespaced resources, and what it could not read or parse.</summary>
/// <param name="Resources">The resources to empty a namespace of.</param>
/// <param name="FailedGroups">Group versions whose resource lists could not be read, each as <c>group/version: error</c>.</param>
/// <param name="UnparsableGroupVersions">Group versions that are not of the form <c>group/version</c>.</param>
internal sealed record DiscoveredResources(
    IReadOnlyList<DeletableResource> Resources, IReadOnlyList<string> FailedGroups, IReadOnlyList<string> UnparsableGroupVersions);
