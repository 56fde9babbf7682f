namespace SharpKube.ApiServer.WatchCache;

/// <summary>One event as a watcher sends it to its client.</summary>
/// <param name="Type">ADDED, MODIFIED or DELETED (BOOKMARKs are produced by the response writer).</param>
/// <param name="Object">The object to send.</param>
public sealed record WatchNotification(WatchNotificationType Type, CachedObject Object);
