using Microsoft.Extensions.Logging;

namespace SharpKube.Proxy.Node;

/// <summary>
/// The kernel settings service traffic needs: forwarding, 127.0.0.1 node ports (<c>route_localnet</c>), and bridged
/// pod-to-pod traffic passing iptables so a reply from a service's endpoint on the same bridge is un-NATed.
/// </summary>
public static class NodeSysctls
{
    /// <summary>Each setting and its value.</summary>
    public static IReadOnlyList<(string Key, string Value)> Required { get; } =
    [
        ("net.ipv4.ip_forward", "1"),
        ("net.ipv4.conf.all.route_localnet", "1"),
        ("net.bridge.bridge-nf-call-iptables", "1"),
    ];

    /// <summary>Sets every required value; a failure is logged and the others still set (a node without br_netfilter still serves node ports).</summary>
    public static async Task ApplyAsync(NodeCommands commands, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var (key, value) in Required)
        {
            if (key.StartsWith("net.bridge.", StringComparison.Ordinal) && !Directory.Exists("/proc/sys/net/bridge"))
            {
                // The bridge settings exist only once br_netfilter is loaded; loading it is best effort (a kernel with it
                // built in, or a machine without modprobe, has nothing to load).
                try
                {
                    await commands.RunAsync("modprobe", ["br_netfilter"], null, cancellationToken).ConfigureAwait(false);
                }
                catch (System.ComponentModel.Win32Exception e)
                {
                    logger.LogWarning("Could not load br_netfilter: {Error}", e.Message);
                }
            }
            var result = await commands.RunAsync("sysctl", ["-w", key + "=" + value], null, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                logger.LogWarning("Could not set {Sysctl}={Value}: {Error}", key, value, result.StandardError.Trim());
            }
        }
    }
}
