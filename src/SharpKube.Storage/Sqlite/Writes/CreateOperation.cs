namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>Creates a key unless it is live.</summary>
internal sealed class CreateOperation(string key, byte[] value, long? expiresAtMs) : WriteOperation<KeyValue>
{
    public override void Apply(WriteBatch batch)
    {
        if (batch.Sql.Exists(key))
        {
            Refuse(StorageException.AlreadyExists(key));
            return;
        }

        // A create after a delete starts a new life: no previous version.
        var revision = batch.NextRevision();
        batch.Sql.InsertVersion(key, revision, revision, null, deleted: false, expiresAtMs, value);
        var created = new KeyValue(key, value, revision, revision);
        batch.Events.Add(new WatchEvent(WatchEventType.Created, key, revision, created, null));
        Succeed(created);
    }
}
