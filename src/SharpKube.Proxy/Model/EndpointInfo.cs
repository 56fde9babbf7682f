using System.Net;

namespace SharpKube.Proxy.Model;

/// <summary>
/// One endpoint of one Service port, merged from the Service's EndpointSlices. The proxy uses ready endpoints, and
/// serving-but-terminating ones only when a Service port has no ready endpoint left.
/// </summary>
/// <param name="Address">The endpoint's address.</param>
/// <param name="Port">The endpoint's port for this Service port.</param>
/// <param name="Ready"><c>conditions.ready</c> (or the Service publishes not-ready addresses).</param>
/// <param name="Serving"><c>conditions.serving</c>.</param>
/// <param name="Terminating"><c>conditions.terminating</c>.</param>
/// <param name="IsLocal">The endpoint runs on this proxy's node (<c>nodeName</c>).</param>
public sealed record EndpointInfo(IPAddress Address, int Port, bool Ready, bool Serving, bool Terminating, bool IsLocal)
{
    /// <summary><c>address:port</c>, as in rule comments (IPv6 in brackets).</summary>
    public override string ToString() => new IPEndPoint(Address, Port).ToString();
}
