using SharpKube.Proxy.Model;

namespace SharpKube.Proxy.Changes;

/// <summary>What one sync programs, and the changes it carries (for the network programming latency metric).</summary>
/// <param name="State">The state to program.</param>
/// <param name="Triggers">When each carried change happened: the EndpointSlice's last-change-trigger-time, else when it was seen.</param>
public sealed record PendingChanges(ProxyState State, IReadOnlyList<DateTimeOffset> Triggers);
