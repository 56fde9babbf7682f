namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>Replaces a key's value if its mod revision is still the expected one.</summary>
internal sealed class UpdateOperation(string key, byte[] value, long expectedModRevision, long? expiresAtMs) : WriteOperation<KeyValue>
{
    public override void Apply(WriteBatch batch)
    {
        var current = batch.Sql.ReadCurrent(key, out var hadExpiry);
        if (current is null)
        {
            Refuse(StorageException.NotFound(key));
            return;
        }

        if (current.ModRevision != expectedModRevision)
        {
            Refuse(StorageException.Conflict(key, expectedModRevision, current));
            return;
        }

        if (hadExpiry)
        {
            batch.Sql.ClearExpiry(key, current.ModRevision);
        }

        var revision = batch.NextRevision();
        batch.Sql.InsertVersion(key, revision, current.CreateRevision, current.ModRevision, deleted: false, expiresAtMs, value);
        var updated = new KeyValue(key, value, current.CreateRevision, revision);
        batch.Events.Add(new WatchEvent(WatchEventType.Updated, key, revision, updated, current));
        Succeed(updated);
    }
}
