using k8s.Models;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// One simulated node: where it sits in the fleet (name, index, zone, addresses) and what the fleet learnt about
/// its Node object. Registration sets <see cref="Uid"/>; the Lease renewer alone touches <see cref="Lease"/>.
/// </summary>
internal sealed class HollowNode(string name, int index, string zone, string internalIp, Ipv4Cidr fallbackPodCidr, bool fallbackShared = false)
{
    private volatile string? _uid;
    private volatile bool _deleted;

    /// <summary>The Node's name, also its hostname label and its Lease's name.</summary>
    public string Name { get; } = name;

    /// <summary>The position in the fleet, from 0.</summary>
    public int Index { get; } = index;

    /// <summary>The <c>topology.kubernetes.io/zone</c> label.</summary>
    public string Zone { get; } = zone;

    /// <summary>The InternalIP address, also every pod's <c>hostIP</c>.</summary>
    public string InternalIp { get; } = internalIp;

    /// <summary>The pod network used while the Node has no <c>spec.podCIDR</c>.</summary>
    public Ipv4Cidr FallbackPodCidr { get; } = fallbackPodCidr;

    /// <summary>True when an earlier node of the fleet has the same fallback block (more nodes than blocks).</summary>
    public bool FallbackPodCidrShared { get; } = fallbackShared;

    /// <summary>The uid of the Node object once registered (created or adopted); null before.</summary>
    public string? Uid
    {
        get => _uid;
        set => _uid = value;
    }

    /// <summary>
    /// True once the registered Node was deleted by someone else. Like upstream's kubelet, the fleet does not register
    /// it again (until restarted) and stops renewing its Lease.
    /// </summary>
    public bool Deleted
    {
        get => _deleted;
        set => _deleted = value;
    }

    /// <summary>The Lease as last written (its resourceVersion makes the next renewal conditional).</summary>
    public V1Lease? Lease { get; set; }
}
