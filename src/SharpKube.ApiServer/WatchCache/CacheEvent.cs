using SharpKube.Storage;

namespace SharpKube.ApiServer.WatchCache;

/// <summary>A change of one object seen by the watch cache.</summary>
/// <param name="Type">Created, updated or deleted.</param>
/// <param name="Object">The object after the change; for deletions its last state at the deletion revision.</param>
/// <param name="Previous">The object before the change; null for creations.</param>
/// <param name="Revision">The store revision of the change.</param>
public sealed record CacheEvent(WatchEventType Type, CachedObject Object, CachedObject? Previous, long Revision);
