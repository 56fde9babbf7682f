namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>Deletes a key, optionally only at an expected mod revision, by writing a tombstone version.</summary>
internal sealed class DeleteOperation(string key, long expectedModRevision) : WriteOperation<DeleteResult>
{
    public override void Apply(WriteBatch batch)
    {
        if (batch.Supersede(key, expectedModRevision, out var refusal) is not { } current)
        {
            Refuse(refusal!);
            return;
        }

        var revision = batch.NextRevision();
        batch.Sql.InsertVersion(key, revision, current.CreateRevision, current.ModRevision, deleted: true, null, null);
        batch.Events.Add(new WatchEvent(WatchEventType.Deleted, key, revision, null, current));
        Succeed(new DeleteResult(revision, current));
    }
}
