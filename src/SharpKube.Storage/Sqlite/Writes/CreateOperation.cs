namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>Creates a key unless it exists.</summary>
internal sealed class CreateOperation(string key, byte[] value, long? expiresAtMs) : WriteOperation<KeyValue>
{
    public override void Apply(WriteBatch batch)
    {
        if (batch.Sql.Exists(key))
        {
            Refuse(StorageException.AlreadyExists(key));
            return;
        }

        var revision = batch.NextRevision();
        batch.Sql.InsertVersion(revision, key, revision, null, deleted: false, value);
        batch.Sql.InsertCurrent(key, revision, revision, expiresAtMs);
        var created = new KeyValue(key, value, revision, revision);
        batch.Events.Add(new WatchEvent(WatchEventType.Created, key, revision, created, null));
        Succeed(created);
    }
}
