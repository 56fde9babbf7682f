namespace SharpKube.Storage;

/// <summary>The outcome of a delete.</summary>
/// <param name="Revision">The revision of the deletion.</param>
/// <param name="Deleted">The last version of the key before it was deleted.</param>
public sealed record DeleteResult(long Revision, KeyValue Deleted);
