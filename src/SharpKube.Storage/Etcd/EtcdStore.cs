using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using SharpKube.Storage.Etcd.Protocol;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// The etcd driver: the datastore contract on a real etcd v3 cluster over its gRPC API. Revisions are etcd's own,
/// conditional writes are etcd transactions, TTLs are etcd leases and watches are etcd watches.
/// </summary>
/// <remarks>
/// <para>Every key lives in etcd as <see cref="EtcdStoreOptions.KeyPrefix"/> followed by the key. Values up to
/// <see cref="StorageLimits.MaxValueBytes"/> need etcd's <c>--max-request-bytes</c> raised above its 1.5 MiB
/// default (2 MiB is enough), which counts the whole request; a write etcd refuses as too large fails with
/// <see cref="StorageErrorCode.ValueTooLarge"/>.</para>
/// <para>Revisions and compaction belong to the whole etcd, not to one key prefix: stores sharing an etcd see
/// each other's writes as gaps in their revisions, and a compaction by any of them applies to all.</para>
/// <para>Watches never fail with <see cref="StorageErrorCode.WatcherTooSlow"/>: a consumer that stops reading
/// holds back its own gRPC stream, and etcd keeps the events for it rather than dropping them.</para>
/// </remarks>
public sealed class EtcdStore : IKeyValueStore
{
    private readonly GrpcChannel _channel;
    private readonly KV.KVClient _kv;
    private readonly EtcdKeyCodec _codec;
    private readonly EtcdWatchStream _watches;
    private readonly EtcdLeaseCache _leases;
    private readonly EtcdCalls _calls;
    private readonly CancellationTokenSource _closing = new();
    private int _closed;

    private EtcdStore(GrpcChannel channel, EtcdStoreOptions options)
    {
        _channel = channel;
        _kv = new KV.KVClient(channel);
        _codec = new EtcdKeyCodec(options.KeyPrefix);
        _watches = new EtcdWatchStream(new Watch.WatchClient(channel), _codec);
        _calls = new EtcdCalls(_kv, _watches, options.RequestTimeout, _closing.Token);
        _leases = new EtcdLeaseCache(new Lease.LeaseClient(channel), options.TimeProvider, _calls.OptionsFor);
    }

    /// <summary>
    /// Connects to the etcd members in <see cref="EtcdStoreOptions.Endpoints"/> and checks that one answers; fails
    /// with <see cref="StorageErrorCode.Unavailable"/> if none does within <see cref="EtcdStoreOptions.ConnectTimeout"/>.
    /// </summary>
    public static async Task<EtcdStore> ConnectAsync(EtcdStoreOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoints = EtcdEndpoints.Parse(options.Endpoints);
        StorageLimits.ValidatePrefix(options.KeyPrefix);
        var logger = options.LoggerFactory.CreateLogger<EtcdStore>();
        var channel = endpoints.CreateChannel(options.ConnectTimeout, options.LoggerFactory);
        try
        {
            var status = await new Maintenance.MaintenanceClient(channel).StatusAsync(
                new StatusRequest(), deadline: DateTime.UtcNow + options.ConnectTimeout, cancellationToken: ct);
            logger.LogInformation("Connected to etcd {Version} (cluster {ClusterId:x}) at {Endpoints}",
                status.Version, status.Header.ClusterId, endpoints.Display);
            if (status.Errors.Count > 0)
            {
                logger.LogWarning("etcd reports alarms: {Errors}", string.Join("; ", status.Errors));
            }

            return new EtcdStore(channel, options);
        }
        catch (RpcException e)
        {
            channel.Dispose();
            throw new StorageException(StorageErrorCode.Unavailable,
                $"cannot reach etcd at {endpoints.Display}: no member answered within {options.ConnectTimeout.TotalSeconds:0.#} s " +
                $"({e.StatusCode}: {e.Status.Detail})", e);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> CurrentRevisionAsync(CancellationToken cancellationToken = default)
    {
        // A count of one key is etcd's cheapest linearizable read; its header carries the revision.
        var request = new RangeRequest { Key = _codec.After(""), CountOnly = true };
        var response = await _calls.InvokeAsync(_kv.RangeAsync, request, "range", null, 0, cancellationToken);
        return response.Header.Revision;
    }

    /// <inheritdoc />
    public async ValueTask<KeyValue?> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidateKey(key);
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        var request = new RangeRequest { Key = _codec.Encode(key), Revision = revision };
        var response = await _calls.InvokeAsync(_kv.RangeAsync, request, "range", key, revision, cancellationToken);
        return response.Kvs.Count == 0 ? null : _codec.ToKeyValue(response.Kvs[0]);
    }

    /// <inheritdoc />
    public async ValueTask<ListResult> ListAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Revision);
        var start = _codec.RangeStart(prefix);
        if (options.ContinueAfter is { } continueAfter)
        {
            var after = _codec.After(continueAfter);
            if (after.Span.SequenceCompareTo(start.Span) > 0)
            {
                start = after;
            }
        }

        var request = new RangeRequest { Key = start, RangeEnd = _codec.RangeEnd(prefix), Limit = options.Limit, Revision = options.Revision };
        var response = await _calls.InvokeAsync(_kv.RangeAsync, request, "range", null, options.Revision, cancellationToken);
        var items = new KeyValue[response.Kvs.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = _codec.ToKeyValue(response.Kvs[i]);
        }

        return new ListResult(items, options.Revision == 0 ? response.Header.Revision : options.Revision, response.More);
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidatePrefix(prefix);
        var request = new RangeRequest { Key = _codec.RangeStart(prefix), RangeEnd = _codec.RangeEnd(prefix), CountOnly = true };
        return (await _calls.InvokeAsync(_kv.RangeAsync, request, "range", null, 0, cancellationToken)).Count;
    }

    /// <inheritdoc />
    public async ValueTask<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ValidateWrite(key, value, ttl);
        var bytes = value.ToArray();
        var put = new PutRequest { Key = _codec.Encode(key), Value = UnsafeByteOperations.UnsafeWrap(bytes) };
        var response = await PutAsync(EtcdTxn.Create(put), put, key, ttl, cancellationToken);
        if (!response.Succeeded)
        {
            throw StorageException.AlreadyExists(key);
        }

        return new KeyValue(key, bytes, response.Header.Revision, response.Header.Revision);
    }

    /// <inheritdoc />
    public async ValueTask<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ValidateWrite(key, value, ttl);
        var bytes = value.ToArray();
        // Without a TTL the put carries lease 0, which detaches the key from any lease it had.
        var put = new PutRequest { Key = _codec.Encode(key), Value = UnsafeByteOperations.UnsafeWrap(bytes) };
        var response = await PutAsync(EtcdTxn.Update(put, expectedModRevision), put, key, ttl, cancellationToken);
        if (!response.Succeeded)
        {
            throw FailedCondition(key, expectedModRevision, response);
        }

        var written = response.Responses[1].ResponseRange.Kvs[0];
        return new KeyValue(key, bytes, written.CreateRevision, response.Header.Revision);
    }

    /// <inheritdoc />
    public async ValueTask<DeleteResult> DeleteAsync(string key, long expectedModRevision = 0, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidateKey(key);
        var txn = EtcdTxn.Delete(_codec.Encode(key), expectedModRevision);
        var response = await _calls.InvokeAsync(_kv.TxnAsync, txn, "delete", key, 0, cancellationToken);
        if (!response.Succeeded)
        {
            throw FailedCondition(key, expectedModRevision, response);
        }

        var deleted = response.Responses[0].ResponseDeleteRange.PrevKvs[0];
        return new DeleteResult(response.Header.Revision, _codec.ToKeyValue(deleted));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default)
    {
        StorageLimits.ValidatePrefix(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        _calls.ThrowIfClosed();
        return WatchUntilClosedAsync(prefix, afterRevision, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(revision);
        // Physical: etcd answers only once the old versions are gone from its backend, as the contract promises.
        await _calls.InvokeAsync(_kv.CompactAsync, new CompactionRequest { Revision = revision, Physical = true }, "compaction", null, revision, cancellationToken);
    }

    /// <summary>Closes the connection; open watches fail with <see cref="StorageErrorCode.Unavailable"/>.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _closing.Cancel();
            _channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask<TxnResponse> PutAsync(TxnRequest txn, PutRequest put, string key, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        if (ttl is not { } t)
        {
            return await _calls.InvokeAsync(_kv.TxnAsync, txn, "put", key, 0, cancellationToken);
        }

        put.Lease = await _leases.LeaseForAsync(t, cancellationToken);
        try
        {
            return await _calls.InvokeAsync(_kv.TxnAsync, txn, "put", key, 0, cancellationToken);
        }
        catch (StorageException e) when (e.InnerException is RpcException rpc && EtcdErrors.IsLeaseNotFound(rpc))
        {
            // The cached lease died early (revoked by hand, or etcd lost it); one fresh grant fixes that.
            _leases.Forget(put.Lease);
            put.Lease = await _leases.LeaseForAsync(t, cancellationToken);
            return await _calls.InvokeAsync(_kv.TxnAsync, txn, "put", key, 0, cancellationToken);
        }
    }

    private StorageException FailedCondition(string key, long expectedModRevision, TxnResponse response) =>
        EtcdTxn.FailureRead(response) is { } current
            ? StorageException.Conflict(key, expectedModRevision, _codec.ToKeyValue(current))
            : StorageException.NotFound(key);

    private async IAsyncEnumerable<WatchEvent> WatchUntilClosedAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        // The token goes in once, as the argument: passing it to GetAsyncEnumerator as well would link it twice.
        await using var events = _watches.ReadAsync(prefix, afterRevision, linked.Token).GetAsyncEnumerator();
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw StorageException.Closed();
            }

            yield return events.Current;
        }
    }

    private static void ValidateWrite(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl)
    {
        StorageLimits.ValidateKey(key);
        StorageLimits.ValidateValue(key, value);
        StorageLimits.ValidateTtl(ttl);
    }
}
