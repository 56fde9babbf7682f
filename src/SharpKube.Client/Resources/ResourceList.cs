namespace SharpKube.Client.Resources;

/// <summary>One LIST response: the objects, the resourceVersion it was read at and the next page's token.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Items">The objects, in the server's order.</param>
/// <param name="ResourceVersion">The list's <c>metadata.resourceVersion</c>: watch from here to follow later changes.</param>
/// <param name="Continue">The token for the next page, or null on the last page.</param>
public sealed record ResourceList<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);
