using System.Runtime.CompilerServices;
using Grpc.Core;
using SharpKube.Storage.Etcd.Protocol;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// Watches on etcd: one gRPC Watch stream per watch, carrying exactly one etcd watcher.
/// </summary>
/// <remarks>
/// One stream per watch keeps ordering and cancellation trivial (the stream's lifetime is the watch's) at the cost
/// of an HTTP/2 stream each; the API server's watch cache holds one watch per resource, so there are few. etcd
/// orders events and delivers each once per watcher; this class only has to reassemble fragments and map types.
/// </remarks>
internal sealed class EtcdWatchStream(Watch.WatchClient client, EtcdKeyCodec codec)
{
    /// <summary>Every change under <paramref name="prefix"/> after <paramref name="afterRevision"/>, until cancelled.</summary>
    public async IAsyncEnumerable<WatchEvent> ReadAsync(
        string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Disposing the call resets the stream; etcd then drops its watcher. That is how a consumer that stops
        // enumerating, or cancels, ends the watch.
        using var call = client.Watch(cancellationToken: cancellationToken);
        await SendCreateAsync(call, new WatchCreateRequest
        {
            Key = codec.RangeStart(prefix),
            RangeEnd = codec.RangeEnd(prefix),
            StartRevision = afterRevision + 1,
            PrevKv = true,
            // Without fragments etcd sends a batch of history as one message, however large its values.
            Fragment = true,
        }, cancellationToken);

        var fragments = new List<Event>();
        while (await NextAsync(call.ResponseStream, cancellationToken) is { } response)
        {
            if (response.CompactRevision != 0)
            {
                throw StorageException.Compacted(afterRevision, response.CompactRevision);
            }

            if (response.Canceled)
            {
                throw new StorageException(StorageErrorCode.Unavailable,
                    $"etcd cancelled the watch on \"{prefix}\" after revision {afterRevision}: {response.CancelReason}");
            }

            if (response.Fragment)
            {
                fragments.AddRange(response.Events);
                continue;
            }

            var events = fragments.Count == 0 ? (IList<Event>)response.Events : [.. fragments, .. response.Events];
            fragments.Clear();
            foreach (var e in events)
            {
                yield return ToWatchEvent(e);
            }
        }

        throw new StorageException(StorageErrorCode.Unavailable, $"etcd closed the watch on \"{prefix}\"; resume from the last revision received");
    }

    /// <summary>
    /// etcd's compacted revision, or 0 if it cannot be learned quickly. etcd reports it nowhere but to a watch that
    /// starts below it, so this opens one at revision 1 — only after a call already failed as compacted.
    /// </summary>
    public async Task<long> CompactRevisionAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var call = client.Watch(cancellationToken: deadline.Token);
            await SendCreateAsync(call, new WatchCreateRequest { Key = codec.After(""), StartRevision = 1 }, deadline.Token);
            while (await call.ResponseStream.MoveNext(deadline.Token))
            {
                if (call.ResponseStream.Current.CompactRevision != 0)
                {
                    return call.ResponseStream.Current.CompactRevision;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        catch (RpcException)
        {
        }

        return 0;
    }

    private WatchEvent ToWatchEvent(Event e)
    {
        var key = codec.Decode(e.Kv.Key);
        var previous = e.PrevKv is null ? null : codec.ToKeyValue(e.PrevKv);
        if (e.Type == Event.Types.EventType.Delete)
        {
            // A delete's kv carries only the key and the revision of the deletion.
            return new WatchEvent(WatchEventType.Deleted, key, e.Kv.ModRevision, null, previous);
        }

        var current = codec.ToKeyValue(e.Kv);
        return current.CreateRevision == current.ModRevision
            ? new WatchEvent(WatchEventType.Created, key, current.ModRevision, current, null)
            : new WatchEvent(WatchEventType.Updated, key, current.ModRevision, current, previous);
    }

    private static async Task SendCreateAsync(
        AsyncDuplexStreamingCall<WatchRequest, WatchResponse> call, WatchCreateRequest create, CancellationToken cancellationToken)
    {
        try
        {
            await call.RequestStream.WriteAsync(new WatchRequest { CreateRequest = create }, cancellationToken);
        }
        catch (RpcException e)
        {
            throw EtcdErrors.Unavailable("watch", e);
        }
    }

    private static async Task<WatchResponse?> NextAsync(IAsyncStreamReader<WatchResponse> responses, CancellationToken cancellationToken)
    {
        try
        {
            return await responses.MoveNext(cancellationToken) ? responses.Current : null;
        }
        catch (RpcException e)
        {
            throw EtcdErrors.Unavailable("watch", e);
        }
    }
}
