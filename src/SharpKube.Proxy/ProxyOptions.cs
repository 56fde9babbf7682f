using System.Net;

namespace SharpKube.Proxy;

/// <summary>How <see cref="ServiceProxy"/> runs: the mode, the node it serves, its sync timing and its HTTP endpoints.</summary>
public sealed record ProxyOptions
{
    /// <summary>The backend (<c>--proxy-mode</c>).</summary>
    public ProxyMode Mode { get; init; } = ProxyMode.Iptables;

    /// <summary>This node's name (<c>--hostname-override</c>): endpoints whose <c>nodeName</c> matches are local.</summary>
    public string NodeName { get; init; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Where node ports are served (<c>--node-ip</c>), besides 127.0.0.1; null detects the node's address.</summary>
    public IReadOnlyList<IPAddress>? NodeAddresses { get; init; }

    /// <summary>The pod network (<c>--cluster-cidr</c>): traffic to a cluster IP from outside it is masqueraded.</summary>
    public string ClusterCidr { get; init; } = "10.42.0.0/16";

    /// <summary>
    /// The least time between the starts of two syncs (<c>--min-sync-period</c>). Zero syncs as soon as a change is seen;
    /// changes arriving during a sync are coalesced into the next one either way.
    /// </summary>
    public TimeSpan MinSyncPeriod { get; init; } = TimeSpan.Zero;

    /// <summary>How often the rules are synced without a change (<c>--sync-period</c>, upstream's 30 s).</summary>
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a periodic sync rewrites every Service's rules rather than only the changed ones (upstream's hour).</summary>
    public TimeSpan FullSyncPeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>HOST:PORT</c> serving <c>/metrics</c> (<c>--metrics-bind-address</c>); null or empty: off; port 0 picks one.</summary>
    public string? MetricsBindAddress { get; init; } = "127.0.0.1:10249";

    /// <summary><c>HOST:PORT</c> serving <c>/healthz</c> and <c>/livez</c> (<c>--healthz-bind-address</c>); null or empty: off.</summary>
    public string? HealthzBindAddress { get; init; } = "0.0.0.0:10256";

    /// <summary>
    /// A named network namespace (<c>ip netns</c>) to program instead of the host's: every command (iptables-restore,
    /// iptables-save, sysctl, conntrack) runs through <c>ip netns exec</c>. For tests.
    /// </summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>Whether to serve <c>spec.healthCheckNodePort</c> of <c>externalTrafficPolicy: Local</c> Services.</summary>
    public bool ServeServiceHealthChecks { get; init; } = true;

    /// <summary>The clock of sync timing and metrics.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
