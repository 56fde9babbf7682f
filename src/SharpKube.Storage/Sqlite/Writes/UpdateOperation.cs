namespace SharpKube.Storage.Sqlite.Writes;

/// <summary>Replaces a key's value if its mod revision is still the expected one (or any, for 0).</summary>
internal sealed class UpdateOperation(string key, byte[] value, long expectedModRevision, long? expiresAtMs) : WriteOperation<KeyValue>
{
    public override void Apply(WriteBatch batch)
    {
        if (batch.Supersede(key, expectedModRevision, out var refusal) is not { } current)
        {
            Refuse(refusal!);
            return;
        }

        var revision = batch.NextRevision();
        batch.Sql.InsertVersion(key, revision, current.CreateRevision, current.ModRevision, deleted: false, expiresAtMs, value);
        var updated = new KeyValue(key, value, current.CreateRevision, revision);
        batch.Events.Add(new WatchEvent(WatchEventType.Updated, key, revision, updated, current));
        Succeed(updated);
    }
}
