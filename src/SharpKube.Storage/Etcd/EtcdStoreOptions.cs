using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SharpKube.Storage.Etcd;

/// <summary>How <see cref="EtcdStore.ConnectAsync"/> reaches etcd and lays out its keys.</summary>
public sealed class EtcdStoreOptions
{
    /// <summary>
    /// The client URLs of the etcd members, e.g. <c>http://10.0.0.1:2379</c> (plain HTTP/2; TLS is not supported yet).
    /// Requests are spread round-robin over the members that answer, so the store keeps working while any one is up.
    /// </summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];

    /// <summary>
    /// Put in front of every key on the wire and stripped from every key read back, so several clusters (or tests)
    /// can share one etcd. Keys seen by callers never include it.
    /// </summary>
    public string KeyPrefix { get; init; } = "";

    /// <summary>How long <see cref="EtcdStore.ConnectAsync"/> waits for a member to answer before giving up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The deadline of every unary call (reads, writes, lease grants, compaction); watches have none. A call that
    /// misses it fails with <see cref="StorageErrorCode.Unavailable"/>.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock lease reuse is measured with.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the driver logs.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
