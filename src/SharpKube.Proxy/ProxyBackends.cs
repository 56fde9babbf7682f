using Microsoft.Extensions.Logging;
using SharpKube.Proxy.Iptables;

namespace SharpKube.Proxy;

/// <summary>Creates the backend <see cref="ProxyOptions.Mode"/> asks for.</summary>
public static class ProxyBackends
{
    /// <summary>The backend of <paramref name="options"/>.</summary>
    /// <exception cref="NotSupportedException">The mode is not built.</exception>
    public static IProxyBackend Create(ProxyOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return options.Mode switch
        {
            ProxyMode.Iptables => new IptablesBackend(options, loggers.CreateLogger("proxy.iptables")),
            // nftables: wired at merge — new SharpKube.Proxy.Nftables.NftablesBackend(options, loggers.CreateLogger("proxy.nftables"))
            ProxyMode.Nftables => throw new NotSupportedException("nftables mode is not built yet"),
            _ => throw new NotSupportedException($"proxy mode {options.Mode} is not known"),
        };
    }
}
