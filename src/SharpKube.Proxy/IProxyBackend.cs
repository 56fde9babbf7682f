using SharpKube.Proxy.Model;

namespace SharpKube.Proxy;

/// <summary>
/// A way of programming the node's packet filter for services: iptables (<c>--proxy-mode iptables</c>, the
/// default) or nftables (<c>--proxy-mode nftables</c>). A sync either applies completely or leaves the previous
/// rules in place.
/// </summary>
public interface IProxyBackend
{
    /// <summary>
    /// Programs <paramref name="state"/>: every Service when <see cref="ProxyState.ChangedServices"/> is null, else at
    /// least the changed ones. Throws when the kernel refused the rules, in which case the previous rules stand.
    /// </summary>
    Task SyncAsync(ProxyState state, CancellationToken cancellationToken);

    /// <summary>Removes every rule, chain, table and set this backend created (<c>sharpkube proxy --cleanup</c>).</summary>
    Task CleanupAsync(CancellationToken cancellationToken);
}
