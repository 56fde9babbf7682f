using System.Net;
using SharpKube.Proxy.Model;
using SharpKube.Proxy.Node;
using SharpKube.Proxy.Routing;

namespace SharpKube.Proxy.Sync;

/// <summary>
/// Deletes UDP conntrack entries the new rules would not create: a UDP "connection" never ends, so without this a
/// client keeps sending to an endpoint that went away, and a client that hit a Service while it had no endpoints
/// keeps its un-NATed entry after endpoints appear. Runs the <c>conntrack</c> CLI after a successful sync.
/// </summary>
public static class StaleUdpFlows
{
    /// <summary>The <c>conntrack</c> argument lists that clear what changed from <paramref name="previous"/> to <paramref name="next"/>.</summary>
    public static IReadOnlyList<string[]> Commands(ProxyState? previous, ProxyState next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var commands = new List<string[]>();
        if (previous is null)
        {
            return commands;
        }
        foreach (var (name, before) in previous.Services)
        {
            if (name.Protocol != ServiceProtocol.Udp || !Touched(next, name))
            {
                continue;
            }
            var usedBefore = ServiceEndpoints.Of(before, previous.Endpoints.GetValueOrDefault(name)).Used.ToList();
            var usedAfter = next.Services.TryGetValue(name, out var after)
                ? ServiceEndpoints.Of(after, next.Endpoints.GetValueOrDefault(name)).Used.Select(e => (e.Address, e.Port)).ToHashSet()
                : [];
            foreach (var gone in usedBefore.Where(e => !usedAfter.Contains((e.Address, e.Port))).Select(e => e.Address).Distinct())
            {
                foreach (var ip in Destinations(before))
                {
                    commands.Add(["-D", "--orig-dst", ip.ToString(), "--dst-nat", gone.ToString(), "-p", "udp"]);
                }
                if (before.NodePort > 0)
                {
                    commands.Add(["-D", "-p", "udp", "--orig-port-dst", before.NodePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dst-nat", gone.ToString()]);
                }
            }
        }
        foreach (var (name, after) in next.Services)
        {
            if (name.Protocol != ServiceProtocol.Udp || !Touched(next, name))
            {
                continue;
            }
            var hadEndpoints = previous.Services.TryGetValue(name, out var before)
                && ServiceEndpoints.Of(before, previous.Endpoints.GetValueOrDefault(name)).HasAny;
            if (hadEndpoints || !ServiceEndpoints.Of(after, next.Endpoints.GetValueOrDefault(name)).HasAny)
            {
                continue;
            }
            foreach (var ip in Destinations(after))
            {
                commands.Add(["-D", "--orig-dst", ip.ToString(), "-p", "udp"]);
            }
            if (after.NodePort > 0)
            {
                commands.Add(["-D", "-p", "udp", "--orig-port-dst", after.NodePort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }
        return commands;
    }

    /// <summary>Runs <see cref="Commands"/>; "no entry matched" is success.</summary>
    /// <exception cref="NodeCommandException">conntrack failed otherwise.</exception>
    public static async Task ClearAsync(NodeCommands commands, ProxyState? previous, ProxyState next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var arguments in Commands(previous, next))
        {
            var result = await commands.RunAsync("conntrack", arguments, null, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0 && !result.StandardError.Contains("0 flow entries", StringComparison.Ordinal))
            {
                throw new NodeCommandException("conntrack " + string.Join(' ', arguments), result.ExitCode, result.StandardError);
            }
        }
    }

    private static bool Touched(ProxyState next, ServicePortName name) =>
        next.ChangedServices is null || next.ChangedServices.Contains(name.ServiceKey);

    private static IEnumerable<IPAddress> Destinations(ServicePortInfo service) =>
        service.ClusterIPs.Concat(service.ExternalIPs).Concat(service.LoadBalancerIPs).Distinct();
}
