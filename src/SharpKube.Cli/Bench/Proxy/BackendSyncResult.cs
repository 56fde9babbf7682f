namespace SharpKube.Cli.Bench.Proxy;

/// <summary>One backend's sync times for one cluster size.</summary>
/// <param name="Mode">iptables or nftables.</param>
/// <param name="Services">Services in the cluster.</param>
/// <param name="Endpoints">Endpoints per service.</param>
/// <param name="FirstFullSyncMs">The first full sync, into empty tables.</param>
/// <param name="FullResyncMs">A full sync over the rules already there.</param>
/// <param name="Incremental">Syncs of one changed service.</param>
internal sealed record BackendSyncResult(string Mode, int Services, int Endpoints, double FirstFullSyncMs, double FullResyncMs, LatencySummary Incremental);
