namespace SharpKube.Storage;

/// <summary>A page of keys read at one revision.</summary>
/// <param name="Items">The keys, in key order.</param>
/// <param name="Revision">The revision the page was read at; pass it back to read the next page consistently.</param>
/// <param name="More">Whether keys remain after the last one returned.</param>
public sealed record ListResult(IReadOnlyList<KeyValue> Items, long Revision, bool More);
