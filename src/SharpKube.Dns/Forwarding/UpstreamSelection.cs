using System.Net;

namespace SharpKube.Dns.Forwarding;

/// <summary>Which upstreams a server may forward to: never itself, or a resolv.conf naming it would loop every unknown name.</summary>
internal static class UpstreamSelection
{
    /// <summary>
    /// <paramref name="upstreams"/> without those that are one of <paramref name="listening"/> — the same address and
    /// port, or a loopback address when the server listens on the wildcard address of that port.
    /// </summary>
    public static IReadOnlyList<IPEndPoint> WithoutSelf(IEnumerable<IPEndPoint> upstreams, IReadOnlyList<IPEndPoint> listening) =>
        [.. upstreams.Where(u => !listening.Any(l => l.Port == u.Port && (l.Address.Equals(u.Address)
            || ((l.Address.Equals(IPAddress.Any) || l.Address.Equals(IPAddress.IPv6Any)) && IPAddress.IsLoopback(u.Address)))))];
}
