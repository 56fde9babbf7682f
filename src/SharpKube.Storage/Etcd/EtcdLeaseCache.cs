using Grpc.Core;
using SharpKube.Storage.Etcd.Protocol;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// Hands out etcd leases for writes with a TTL, reusing the last one granted while it fits, so a burst of writes
/// with similar TTLs (Events, mostly) shares one lease instead of costing a lease — a raft write and an entry in
/// etcd's lease heap — each.
/// </summary>
/// <remarks>
/// A lease fits a write when it outlives the write's TTL but by no more than a reuse window. Leases are granted for
/// TTL + window, so a key lives between its TTL and its TTL plus 5 % (at least 1 s, at most 60 s) — the same bargain
/// kube-apiserver's lease manager makes. etcd counts leases in whole seconds and never grants less than its minimum
/// TTL (2 s with default timing), so short TTLs round up. Only the last lease is remembered: writers of one kind of
/// object use one TTL, and remembering more would only keep more leases alive.
/// </remarks>
internal sealed class EtcdLeaseCache(Lease.LeaseClient client, TimeProvider time, Func<CancellationToken, CallOptions> callOptions)
{
    private static readonly TimeSpan MinReuseWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxReuseWindow = TimeSpan.FromSeconds(60);

    // Grants happen under this gate so that concurrent writers wait for one grant instead of each making their own.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _leaseId;
    private DateTimeOffset _expiresAt;

    /// <summary>A lease that keeps a key alive for at least <paramref name="ttl"/>.</summary>
    public async ValueTask<long> LeaseForAsync(TimeSpan ttl, CancellationToken cancellationToken)
    {
        var wanted = TimeSpan.FromSeconds(Math.Ceiling(ttl.TotalSeconds));
        var window = TimeSpan.FromSeconds(Math.Floor(Math.Clamp(wanted.TotalSeconds / 20, MinReuseWindow.TotalSeconds, MaxReuseWindow.TotalSeconds)));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Measured from before the grant: the lease starts later on the server, so it lives at least this long.
            var now = time.GetUtcNow();
            if (_leaseId != 0 && _expiresAt >= now + wanted && _expiresAt <= now + wanted + window)
            {
                return _leaseId;
            }

            LeaseGrantResponse granted;
            try
            {
                granted = await client.LeaseGrantAsync(
                    new LeaseGrantRequest { TTL = (long)(wanted + window).TotalSeconds }, callOptions(cancellationToken));
            }
            catch (RpcException e)
            {
                throw EtcdErrors.Unavailable("lease grant", e);
            }

            if (granted.Error.Length > 0)
            {
                throw new StorageException(StorageErrorCode.Unavailable, $"etcd refused a lease of {wanted.TotalSeconds} s: {granted.Error}");
            }

            _leaseId = granted.ID;
            _expiresAt = now + TimeSpan.FromSeconds(granted.TTL);
            return _leaseId;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops handing out <paramref name="leaseId"/>: etcd no longer knows it (expired or revoked).</summary>
    public void Forget(long leaseId)
    {
        // Compare-exchange rather than the gate: a newer lease granted meanwhile must survive.
        Interlocked.CompareExchange(ref _leaseId, 0, leaseId);
    }
}
