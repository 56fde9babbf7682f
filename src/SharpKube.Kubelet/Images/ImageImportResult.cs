namespace SharpKube.Kubelet.Images;

/// <summary>What one <c>ctr images import</c> loaded into containerd.</summary>
/// <param name="Source">The archive's path, or a description of where its bytes came from.</param>
/// <param name="Images">The image references containerd now has from it (as ctr reported them while unpacking).</param>
/// <param name="Duration">How long the import took, unpacking included.</param>
public sealed record ImageImportResult(string Source, IReadOnlyList<string> Images, TimeSpan Duration);
