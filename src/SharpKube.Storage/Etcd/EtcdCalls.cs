using Google.Protobuf;
using Grpc.Core;
using SharpKube.Storage.Etcd.Protocol;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// Makes the store's unary calls: each with the request deadline, each failure turned into the
/// <see cref="StorageException"/> the contract names — with the revision bound it promises, which etcd's errors
/// leave out and this class looks up.
/// </summary>
internal sealed class EtcdCalls(KV.KVClient kv, EtcdWatchStream watches, TimeSpan requestTimeout, CancellationToken closing)
{
    // Any key will do to read the current revision; this one is never empty, which etcd would refuse.
    private static readonly ByteString AnyKey = ByteString.CopyFrom(0);

    /// <summary>The deadline and cancellation of one call.</summary>
    public CallOptions OptionsFor(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow + requestTimeout, cancellationToken: cancellationToken);

    /// <summary>Fails with <see cref="StorageErrorCode.Unavailable"/> once the store is closed.</summary>
    public void ThrowIfClosed()
    {
        if (closing.IsCancellationRequested)
        {
            throw StorageException.Closed();
        }
    }

    /// <summary>Calls <paramref name="method"/>; <paramref name="key"/> and <paramref name="revision"/> only shape errors.</summary>
    public async ValueTask<TResponse> InvokeAsync<TRequest, TResponse>(
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> method, TRequest request, string operation, string? key, long revision,
        CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        try
        {
            return await method(request, OptionsFor(cancellationToken));
        }
        catch (RpcException e)
        {
            throw await TranslateAsync(e, operation, key, revision, cancellationToken);
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The channel was disposed under the call.
            throw StorageException.Closed();
        }
    }

    private async Task<StorageException> TranslateAsync(RpcException e, string operation, string? key, long revision, CancellationToken cancellationToken)
    {
        if (EtcdErrors.IsCompacted(e))
        {
            var compacted = await watches.CompactRevisionAsync(cancellationToken);
            return compacted > 0
                ? StorageException.Compacted(revision, compacted)
                : new StorageException(StorageErrorCode.Compacted, $"revision {revision} has been compacted", e);
        }

        if (EtcdErrors.IsFutureRevision(e))
        {
            return StorageException.FutureRevision(revision, await RevisionOrZeroAsync(cancellationToken));
        }

        if (EtcdErrors.IsRequestTooLarge(e))
        {
            return new StorageException(StorageErrorCode.ValueTooLarge,
                $"etcd refused the write of {key} as too large ({e.Status.Detail}); values up to {StorageLimits.MaxValueBytes} bytes " +
                "need etcd's --max-request-bytes raised to 2 MiB", e)
            { Key = key };
        }

        return EtcdErrors.Unavailable(operation, e);
    }

    private async Task<long> RevisionOrZeroAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await kv.RangeAsync(new RangeRequest { Key = AnyKey, CountOnly = true }, OptionsFor(cancellationToken));
            return response.Header.Revision;
        }
        catch (RpcException)
        {
            return 0;
        }
    }
}
