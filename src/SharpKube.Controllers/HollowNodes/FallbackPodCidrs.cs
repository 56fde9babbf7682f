namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// The pod network of a node that has no <c>spec.podCIDR</c> (nobody runs a node IPAM controller): node <c>i</c> of
/// the fleet takes the <c>i</c>-th /24 of <see cref="HollowNodeOptions.PodCidr"/>, as a kubelet given
/// <c>--pod-cidr</c> would use its own. The choice depends only on the index, so a restarted fleet picks the same
/// blocks. With more nodes than /24s the blocks repeat (pod IPs are then unique per node only).
/// </summary>
internal sealed class FallbackPodCidrs
{
    /// <summary>The prefix length of each node's block.</summary>
    public const int NodePrefixLength = 24;

    private readonly Ipv4Cidr _network;

    /// <summary>Blocks of <paramref name="podCidr"/>.</summary>
    /// <exception cref="FormatException">It is not an IPv4 network of prefix /24 or shorter.</exception>
    public FallbackPodCidrs(string podCidr)
    {
        _network = Ipv4Cidr.TryParse(podCidr) is { PrefixLength: <= NodePrefixLength } network
            ? network
            : throw new FormatException($"--pod-cidr: \"{podCidr}\" is not an IPv4 network of prefix length /{NodePrefixLength} or shorter");
    }

    /// <summary>How many distinct blocks there are.</summary>
    public long Capacity => 1L << (NodePrefixLength - _network.PrefixLength);

    /// <summary>The block of node <paramref name="index"/>.</summary>
    public Ipv4Cidr For(int index) => _network.Subnet(index % Capacity, NodePrefixLength);
}
