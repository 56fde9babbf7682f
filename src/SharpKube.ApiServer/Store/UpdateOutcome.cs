using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Store;

/// <summary>What an update did.</summary>
/// <param name="Object">The object as stored (with its resourceVersion).</param>
/// <param name="Created">True when the update created the object.</param>
/// <param name="Removed">True when the update removed the last finalizer of an object being deleted, so it is gone.</param>
public sealed record UpdateOutcome(JsonObject Object, bool Created = false, bool Removed = false)
{
    /// <summary>
    /// <see cref="Object"/> as JSON when the write produced it anyway (the stored bytes with the resourceVersion
    /// spliced in), so the response need not serialize the object again; null otherwise.
    /// </summary>
    public byte[]? Json { get; init; }
}
