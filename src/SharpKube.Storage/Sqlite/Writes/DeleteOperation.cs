namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>Deletes a key, optionally only at an expected mod revision, by writing a tombstone version.</summary>
internal sealed class DeleteOperation(string key, long expectedModRevision) : WriteOperation<DeleteResult>
{
    public override void Apply(WriteBatch batch)
    {
        var current = batch.Sql.ReadCurrent(key, out var hadExpiry);
        if (current is null)
        {
            Refuse(StorageException.NotFound(key));
            return;
        }

        if (expectedModRevision != 0 && current.ModRevision != expectedModRevision)
        {
            Refuse(StorageException.Conflict(key, expectedModRevision, current));
            return;
        }

        if (hadExpiry)
        {
            batch.Sql.ClearExpiry(key, current.ModRevision);
        }

        var revision = batch.NextRevision();
        batch.Sql.InsertVersion(key, revision, current.CreateRevision, current.ModRevision, deleted: true, null, null);
        batch.Events.Add(new WatchEvent(WatchEventType.Deleted, key, revision, null, current));
        Succeed(new DeleteResult(revision, current));
    }
}
