namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>A kind qualified by group (<c>""</c> for core) and version.</summary>
/// <param name="Group">API group.</param>
/// <param name="Version">API version.</param>
/// <param name="Kind">Kind.</param>
internal readonly record struct GroupVersionKind(string Group, string Version, string Kind);
