using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using SharpKube.Storage.Etcd;
using SharpKube.Storage.Etcd.Protocol;

namespace SharpKube.Storage.Tests.Etcd;

/// <summary>What the etcd driver adds to the contract: connecting, key prefixes, leases, etcd's own compaction.</summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdStoreTests(EtcdFixture etcd)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_ToAnUnreachableEndpoint_FailsWithUnavailableNamingTheEndpoint()
    {
        var endpoint = $"http://127.0.0.1:{UnusedLoopbackPort()}";

        var error = await Assert.ThrowsAsync<StorageException>(() => EtcdStore.ConnectAsync(
            new EtcdStoreOptions { Endpoints = [endpoint], ConnectTimeout = TimeSpan.FromSeconds(2) }, Ct));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Contains($"cannot reach etcd at {endpoint}", error.Message, StringComparison.Ordinal);
        Assert.IsType<RpcException>(error.InnerException);
    }

    [Fact]
    public async Task Connect_WithAnEndpointThatIsNotAnHttpUrl_FailsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EtcdStore.ConnectAsync(
            new EtcdStoreOptions { Endpoints = ["127.0.0.1:2379"] }, Ct));

        Assert.Contains("\"127.0.0.1:2379\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WithADeadMemberBesideALiveOne_ServesEveryCallFromTheLiveOne()
    {
        var dead = $"http://127.0.0.1:{UnusedLoopbackPort()}";
        await using var store = await EtcdStore.ConnectAsync(
            new EtcdStoreOptions { Endpoints = [dead, etcd.ClientUrl], KeyPrefix = UniquePrefix() }, Ct);

        for (var i = 0; i < 10; i++)
        {
            await store.CreateAsync($"/k/{i}", Bytes("v"), cancellationToken: Ct);
        }

        Assert.Equal(10, await store.CountAsync("/k/", Ct));
    }

    [Fact]
    public async Task KeyPrefix_IsolatesTwoStoresSharingOneEtcd_AndIsWhatEtcdStores()
    {
        var prefixA = UniquePrefix();
        var prefixB = UniquePrefix();
        await using var a = await etcd.OpenStoreAsync(prefixA);
        await using var b = await etcd.OpenStoreAsync(prefixB);
        var start = await a.CurrentRevisionAsync(Ct);

        await a.CreateAsync("/registry/pods/default/web", Bytes("a"), cancellationToken: Ct);
        await b.CreateAsync("/registry/pods/default/web", Bytes("b"), cancellationToken: Ct);
        await b.CreateAsync("/registry/pods/default/db", Bytes("b"), cancellationToken: Ct);
        await a.CreateAsync("/registry/pods/default/cache", Bytes("a"), cancellationToken: Ct);

        var listA = await a.ListAsync("", cancellationToken: Ct);
        Assert.Equal(["/registry/pods/default/cache", "/registry/pods/default/web"], listA.Items.Select(i => i.Key));
        Assert.All(listA.Items, i => Assert.Equal("a", Encoding.UTF8.GetString(i.Value.Span)));
        Assert.Equal(2, await b.CountAsync("", Ct));
        Assert.Equal("b", Encoding.UTF8.GetString((await b.GetAsync("/registry/pods/default/web", cancellationToken: Ct))!.Value.Span));
        Assert.Null(await a.GetAsync("/registry/pods/default/db", cancellationToken: Ct));
        var watchedByA = await TakeAsync(a.WatchAsync("", start, Ct), 2);
        Assert.Equal(["/registry/pods/default/web", "/registry/pods/default/cache"], watchedByA.Select(e => e.Key));

        using var channel = GrpcChannel.ForAddress(etcd.ClientUrl);
        var raw = await new KV.KVClient(channel).RangeAsync(
            new RangeRequest { Key = ByteString.CopyFromUtf8(prefixA), RangeEnd = ByteString.CopyFromUtf8(KeyRange.End(prefixA)!) },
            cancellationToken: Ct);
        Assert.Equal([prefixA + "/registry/pods/default/cache", prefixA + "/registry/pods/default/web"], raw.Kvs.Select(kv => kv.Key.ToStringUtf8()));
    }

    [Fact]
    public async Task Watch_FromARevisionEtcdHasCompacted_FailsWithCompactedNamingTheCompactedRevision()
    {
        await using var store = await etcd.OpenStoreAsync();
        var start = await store.CurrentRevisionAsync(Ct);
        var first = await store.CreateAsync("/c/a", Bytes("1"), cancellationToken: Ct);
        var second = await store.UpdateAsync("/c/a", Bytes("2"), first.ModRevision, cancellationToken: Ct);

        // Compacted behind the store's back, the way an operator or etcd's auto-compaction would.
        using var channel = GrpcChannel.ForAddress(etcd.ClientUrl);
        await new KV.KVClient(channel).CompactAsync(new CompactionRequest { Revision = second.ModRevision, Physical = true }, cancellationToken: Ct);

        var watch = await Assert.ThrowsAsync<StorageException>(() => TakeAsync(store.WatchAsync("/c/", start, Ct), 1));
        var read = await Assert.ThrowsAsync<StorageException>(async () => await store.GetAsync("/c/a", first.ModRevision, Ct));
        Assert.Equal(StorageErrorCode.Compacted, watch.Code);
        Assert.Equal(second.ModRevision, watch.Revision);
        Assert.Equal(StorageErrorCode.Compacted, read.Code);
        Assert.Equal(second.ModRevision, read.Revision);
        Assert.Equal("2", Encoding.UTF8.GetString((await store.GetAsync("/c/a", second.ModRevision, Ct))!.Value.Span));
    }

    [Fact]
    public async Task WritesWithOneTtl_ShareALease_AnUpdateWithoutTtlDetachesTheKey_AndARevokedLeaseIsReplaced()
    {
        var prefix = UniquePrefix();
        await using var store = await etcd.OpenStoreAsync(prefix);
        var created = new List<KeyValue>();
        for (var i = 0; i < 10; i++)
        {
            created.Add(await store.CreateAsync($"/events/{i}", Bytes("e"), TimeSpan.FromMinutes(10), Ct));
        }

        await store.UpdateAsync("/events/0", Bytes("kept"), created[0].ModRevision, cancellationToken: Ct);

        using var channel = GrpcChannel.ForAddress(etcd.ClientUrl);
        var raw = await new KV.KVClient(channel).RangeAsync(
            new RangeRequest { Key = ByteString.CopyFromUtf8(prefix), RangeEnd = ByteString.CopyFromUtf8(KeyRange.End(prefix)!) },
            cancellationToken: Ct);
        var leases = raw.Kvs.ToDictionary(kv => kv.Key.ToStringUtf8()[prefix.Length..], kv => kv.Lease);
        Assert.Equal(0, leases["/events/0"]);
        var shared = Assert.Single(leases.Where(l => l.Key != "/events/0").Select(l => l.Value).Distinct());
        Assert.NotEqual(0, shared);

        // Revoked by hand (which also keeps the keys from expiring, with a revision, in the middle of a later test):
        // the store still holds that lease, and its next write must notice and take a fresh one.
        await new Lease.LeaseClient(channel).LeaseRevokeAsync(new LeaseRevokeRequest { ID = shared }, cancellationToken: Ct);
        Assert.Equal(["/events/0"], (await store.ListAsync("/events/", cancellationToken: Ct)).Items.Select(i => i.Key));
        var after = await store.CreateAsync("/events/late", Bytes("e"), TimeSpan.FromMinutes(10), Ct);
        var late = await new KV.KVClient(channel).RangeAsync(new RangeRequest { Key = ByteString.CopyFromUtf8(prefix + "/events/late") }, cancellationToken: Ct);
        Assert.NotEqual(0, late.Kvs[0].Lease);
        Assert.NotEqual(shared, late.Kvs[0].Lease);
        await store.DeleteAsync("/events/late", after.ModRevision, Ct);
    }

    [Fact]
    public async Task Watch_OverAHistoryOfLargeValues_DeliversEveryValueWhole()
    {
        await using var store = await etcd.OpenStoreAsync();
        var start = await store.CurrentRevisionAsync(Ct);
        var values = Enumerable.Range(0, 3).Select(i => Enumerable.Repeat((byte)('a' + i), 1024 * 1024).ToArray()).ToList();
        for (var i = 0; i < values.Count; i++)
        {
            var kv = await store.CreateAsync($"/big/{i}", values[i], cancellationToken: Ct);
            await store.UpdateAsync($"/big/{i}", values[(i + 1) % values.Count], kv.ModRevision, cancellationToken: Ct);
        }

        // Six events with previous values: several times etcd's request limit in one batch of history.
        var events = await TakeAsync(store.WatchAsync("/big/", start, Ct), 6);

        Assert.Equal(Enumerable.Range(1, 6).Select(i => start + i), events.Select(e => e.Revision));
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(values[i], events[2 * i].Current!.Value.ToArray());
            Assert.Equal(values[i], events[(2 * i) + 1].Previous!.Value.ToArray());
            Assert.Equal(values[(i + 1) % values.Count], events[(2 * i) + 1].Current!.Value.ToArray());
        }
    }

    [Fact]
    public async Task Watch_WhenItsTokenIsCancelled_EndsWithOperationCanceled()
    {
        await using var store = await etcd.OpenStoreAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var start = await store.CurrentRevisionAsync(Ct);
        await using var watch = store.WatchAsync("/w/", start, cancel.Token).GetAsyncEnumerator(cancel.Token);
        await store.CreateAsync("/w/a", Bytes("v"), cancellationToken: Ct);
        Assert.True(await watch.MoveNextAsync());

        var next = watch.MoveNextAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
    }

    [Fact]
    public async Task Dispose_EndsOpenWatchesWithUnavailable()
    {
        var store = await etcd.OpenStoreAsync();
        var start = await store.CurrentRevisionAsync(Ct);
        await using var watch = store.WatchAsync("/w/", start, Ct).GetAsyncEnumerator(Ct);
        await store.CreateAsync("/w/a", Bytes("v"), cancellationToken: Ct);
        Assert.True(await watch.MoveNextAsync());

        var next = watch.MoveNextAsync();
        await store.DisposeAsync();

        var error = await Assert.ThrowsAsync<StorageException>(async () => await next);
        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Equal(StorageErrorCode.Unavailable, (await Assert.ThrowsAsync<StorageException>(async () => await store.CurrentRevisionAsync(Ct))).Code);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string UniquePrefix() => $"/test-{Guid.NewGuid():N}";

    private static async Task<List<WatchEvent>> TakeAsync(IAsyncEnumerable<WatchEvent> watch, int count)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var events = new List<WatchEvent>(count);
        await foreach (var e in watch.WithCancellation(deadline.Token))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }

    private static int UnusedLoopbackPort()
    {
        // Bound and released: nothing listens there afterwards, so connecting is refused.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
