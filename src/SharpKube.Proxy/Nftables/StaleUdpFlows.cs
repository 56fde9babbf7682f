using System.Globalization;
using Microsoft.Extensions.Logging;
using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Nftables;

/// <summary>Deletes conntrack entries of UDP flows whose endpoint a sync took away.</summary>
internal sealed class StaleUdpFlows(NetfilterTool tool, ILogger logger)
{
    /// <summary>
    /// Deletes the conntrack entries of UDP flows to endpoints a changed service port no longer uses: UDP has no
    /// end of connection, so without this a client keeps sending to a gone pod for as long as it keeps sending.
    /// </summary>
    public async Task DeleteAsync(
        Dictionary<ServicePortName, ServicePortProgram> previous, Dictionary<ServicePortName, ServicePortProgram> next,
        IReadOnlySet<string>? changed, CancellationToken cancellationToken)
    {
        foreach (var (name, old) in previous)
        {
            if (name.Protocol != ServiceProtocol.Udp || (changed is not null && !changed.Contains(name.ServiceKey)))
            {
                continue;
            }

            next.TryGetValue(name, out var current);
            foreach (var endpoint in old.EndpointAddresses)
            {
                if (current is not null && current.EndpointAddresses.Contains(endpoint))
                {
                    continue;
                }

                foreach (var entry in old.EntryAddresses)
                {
                    await DeleteConntrackAsync(["-D", "-p", "udp", "--orig-dst", entry.ToString(), "--dst-nat", endpoint.ToString()], cancellationToken);
                }

                if (old.NodePort > 0)
                {
                    await DeleteConntrackAsync(
                        ["-D", "-p", "udp", "--orig-port-dst", old.NodePort.ToString(CultureInfo.InvariantCulture), "--dst-nat", endpoint.ToString()],
                        cancellationToken);
                }
            }
        }
    }

    private async Task DeleteConntrackAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await tool.RunAsync("conntrack", arguments, null, cancellationToken);

        // conntrack exits with 1 when no entry matched, which is the usual case.
        if (result.ExitCode > 1)
        {
            logger.LogWarning("conntrack {Arguments} failed: {Error}", string.Join(' ', arguments), result.Error.Trim());
        }
    }
}
