using Google.Protobuf;
using SharpKube.Storage.Etcd.Protocol;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// The transactions behind the contract's conditional writes. Each write is one etcd transaction — a compare, the
/// write if it holds, a read of the key if it does not — so a failed condition costs one round trip and reports
/// the key's current state as of the same revision the compare saw.
/// </summary>
internal static class EtcdTxn
{
    /// <summary>Put <paramref name="put"/> if its key does not exist; nothing otherwise.</summary>
    public static TxnRequest Create(PutRequest put) => new()
    {
        Compare = { new Compare { Key = put.Key, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 } },
        Success = { new RequestOp { RequestPut = put } },
    };

    /// <summary>
    /// Put <paramref name="put"/> if the key's mod revision is <paramref name="expectedModRevision"/> (or, for 0, if
    /// the key exists), then read back its revisions (without the value) to learn its create revision; otherwise read the key.
    /// </summary>
    public static TxnRequest Update(PutRequest put, long expectedModRevision) => new()
    {
        Compare = { Condition(put.Key, expectedModRevision) },
        Success =
        {
            new RequestOp { RequestPut = put },
            new RequestOp { RequestRange = new RangeRequest { Key = put.Key, KeysOnly = true } },
        },
        Failure = { ReadKey(put.Key) },
    };

    /// <summary>
    /// Delete the key, returning its last version, if its mod revision is <paramref name="expectedModRevision"/>
    /// (or, for 0, if it exists); otherwise read the key.
    /// </summary>
    public static TxnRequest Delete(ByteString key, long expectedModRevision) => new()
    {
        Compare = { Condition(key, expectedModRevision) },
        Success = { new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = key, PrevKv = true } } },
        Failure = { ReadKey(key) },
    };

    /// <summary>The key's version as read by the failure branch (null when it does not exist).</summary>
    public static Protocol.KeyValue? FailureRead(TxnResponse response)
    {
        var kvs = response.Responses[0].ResponseRange.Kvs;
        return kvs.Count == 0 ? null : kvs[0];
    }

    // etcd compares a missing key as if all its revisions were 0, so "create revision > 0" means "exists".
    private static Compare Condition(ByteString key, long expectedModRevision) => expectedModRevision == 0
        ? new Compare { Key = key, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Greater, CreateRevision = 0 }
        : new Compare { Key = key, Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = expectedModRevision };

    private static RequestOp ReadKey(ByteString key) => new() { RequestRange = new RangeRequest { Key = key } };
}
