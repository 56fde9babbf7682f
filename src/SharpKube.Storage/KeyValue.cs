namespace SharpKube.Storage;

/// <summary>One version of a key.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value bytes (never mutated after the store hands them out).</param>
/// <param name="CreateRevision">The revision of the write that created the key.</param>
/// <param name="ModRevision">The revision of the write that produced this version.</param>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision);
