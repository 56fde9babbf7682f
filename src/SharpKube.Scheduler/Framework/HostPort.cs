namespace SharpKube.Scheduler.Framework;

/// <summary>A host port a pod takes: address (0.0.0.0 for all), protocol and port, as upstream's <c>HostPortInfo</c> keys them.</summary>
/// <param name="Ip">The host IP; 0.0.0.0 when the container port names none.</param>
/// <param name="Protocol">TCP, UDP or SCTP; TCP when the container port names none.</param>
/// <param name="Port">The host port (greater than 0).</param>
public readonly record struct HostPort(string Ip, string Protocol, int Port)
{
    /// <summary>Every address.</summary>
    public const string AnyIp = "0.0.0.0";

    /// <summary>A host port with upstream's defaults filled in.</summary>
    public static HostPort Create(string? ip, string? protocol, int port) =>
        new(string.IsNullOrEmpty(ip) ? AnyIp : ip, string.IsNullOrEmpty(protocol) ? "TCP" : protocol, port);

    /// <summary>Whether this port and <paramref name="other"/> cannot both be taken on one node.</summary>
    public bool ConflictsWith(HostPort other) =>
        Port == other.Port && Protocol == other.Protocol && (Ip == other.Ip || Ip == AnyIp || other.Ip == AnyIp);
}
