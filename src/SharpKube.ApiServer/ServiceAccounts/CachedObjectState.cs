namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>What token checks need of an object: its uid and, while it is being deleted, its deletion time.</summary>
/// <param name="Uid">The object's uid.</param>
/// <param name="DeletionTimestamp">When the object is (or was) due to be deleted, or null.</param>
public sealed record CachedObjectState(string Uid, DateTimeOffset? DeletionTimestamp);
