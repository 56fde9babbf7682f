using Microsoft.Extensions.Logging;
using SharpKube.Proxy.Nftables;
using SharpKube.Proxy.Iptables;

namespace SharpKube.Proxy;

/// <summary>Creates the backend <see cref="ProxyOptions.Mode"/> asks for.</summary>
public static class ProxyBackends
{
    /// <summary>The backend of <paramref name="options"/>.</summary>
    public static IProxyBackend Create(ProxyOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return options.Mode switch
        {
            ProxyMode.Iptables => new IptablesBackend(options, loggers.CreateLogger("proxy.iptables")),
            ProxyMode.Nftables => new NftablesBackend(new NftablesSettings
            {
                ClusterCidr = options.ClusterCidr,
                NodeAddresses = options.NodeAddresses ?? [],
                NetworkNamespace = options.NetworkNamespace,
            }, loggers.CreateLogger("proxy.nftables")),
            _ => throw new NotSupportedException($"proxy mode {options.Mode} is not known"),
        };
    }
}
