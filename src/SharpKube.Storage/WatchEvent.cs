namespace SharpKube.Storage;

/// <summary>One change seen by a watch.</summary>
/// <param name="Type">Created, updated or deleted.</param>
/// <param name="Key">The key that changed.</param>
/// <param name="Revision">The revision of the change.</param>
/// <param name="Current">The new version; null for a deletion.</param>
/// <param name="Previous">The version before the change; null for a creation.</param>
public sealed record WatchEvent(WatchEventType Type, string Key, long Revision, KeyValue? Current, KeyValue? Previous);
