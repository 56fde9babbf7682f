namespace SharpKube.Storage.Expiry;

/// <summary>A key whose TTL has run out, with the mod revision it had when found (the delete is a compare-and-swap).</summary>
internal readonly record struct ExpiringKey(string Key, long ModRevision);
