using System.Collections.Frozen;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// The nodes of a fleet, by name: node <c>i</c> is <c>&lt;prefix&gt;i</c>, in zone <c>i mod zones</c>
/// (<c>zone-a</c>, <c>zone-b</c>, …), with the <c>(i+1)</c>-th address of the node IP range and the <c>i</c>-th
/// fallback pod block. Everything follows from the index, so a restarted fleet describes the same nodes.
/// </summary>
internal sealed class FleetLayout
{
    private readonly FrozenDictionary<string, HollowNode> _byName;

    /// <summary>Lays out the fleet <paramref name="options"/> describe (already validated).</summary>
    public FleetLayout(HollowNodeOptions options)
    {
        var fallback = new FallbackPodCidrs(options.PodCidr);
        var ipRange = Ipv4Cidr.TryParse(options.NodeIpRange) ?? throw new FormatException($"\"{options.NodeIpRange}\" is not an IPv4 network");
        // Skip the network and broadcast addresses; a range smaller than the fleet repeats its addresses.
        var usable = Math.Max(1, ipRange.Size - 2);
        Nodes = [.. Enumerable.Range(0, options.Count).Select(i => new HollowNode(
            options.NodeName(i),
            i,
            ZoneName(i % options.Zones),
            Ipv4Cidr.Format(ipRange.AddressAt(1 + i % usable)),
            fallback.For(i),
            i >= fallback.Capacity))];
        _byName = Nodes.ToFrozenDictionary(n => n.Name, StringComparer.Ordinal);
    }

    /// <summary>Every node, by index.</summary>
    public IReadOnlyList<HollowNode> Nodes { get; }

    /// <summary>The node named <paramref name="name"/>, or null when it is not one of this fleet's.</summary>
    public HollowNode? Find(string? name) => name is not null && _byName.TryGetValue(name, out var node) ? node : null;

    /// <summary>The name of zone <paramref name="index"/>: <c>zone-a</c>, <c>zone-b</c>, ….</summary>
    public static string ZoneName(int index) => "zone-" + (char)('a' + index);
}
