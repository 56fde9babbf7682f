using Grpc.Core;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// Recognises etcd's gRPC errors. etcd distinguishes most of them only by message (both revision errors are
/// <c>OutOfRange</c>), and those messages are part of its API: clientv3 matches on them the same way.
/// </summary>
internal static class EtcdErrors
{
    /// <summary>A read, compaction or watch below the compacted revision.</summary>
    public static bool IsCompacted(RpcException e) => Says(e, "required revision has been compacted");

    /// <summary>A read or compaction above the current revision.</summary>
    public static bool IsFutureRevision(RpcException e) => Says(e, "required revision is a future revision");

    /// <summary>A write over etcd's <c>--max-request-bytes</c> (or gRPC's receive limit, which etcd sets just above it).</summary>
    public static bool IsRequestTooLarge(RpcException e) =>
        Says(e, "request is too large") || (e.StatusCode == StatusCode.ResourceExhausted && Says(e, "larger than max"));

    /// <summary>A write attached to a lease that has expired or been revoked meanwhile.</summary>
    public static bool IsLeaseNotFound(RpcException e) => Says(e, "requested lease not found");

    /// <summary>Any other failure: the member is down, has no leader, timed out, or the connection broke.</summary>
    public static StorageException Unavailable(string operation, RpcException e) =>
        new(StorageErrorCode.Unavailable, $"etcd {operation} failed: {e.StatusCode}: {e.Status.Detail}", e);

    private static bool Says(RpcException e, string text) => e.Status.Detail.Contains(text, StringComparison.Ordinal);
}
