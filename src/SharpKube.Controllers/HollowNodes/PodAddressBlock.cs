using System.Collections;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// The pod IPs of one node's pod network, handed out as CNI's host-local IPAM does behind a bridge: the network
/// address and the first address (the bridge's gateway) and the broadcast address are never given, and addresses
/// go round-robin from after the last one given, so one just freed is not reused at once. Not thread-safe.
/// </summary>
internal sealed class PodAddressBlock
{
    private readonly BitArray _used;
    private readonly long _first;
    private readonly long _last;
    private long _next;

    /// <summary>An empty block over <paramref name="cidr"/>.</summary>
    public PodAddressBlock(Ipv4Cidr cidr)
    {
        Cidr = cidr;
        _used = new BitArray((int)Math.Min(cidr.Size, 1 << 16));
        // A /31 or /32 has no room for the reserved addresses: use all of it.
        (_first, _last) = cidr.Size >= 4 ? (2, Math.Min(cidr.Size, _used.Length) - 2) : (0, cidr.Size - 1);
        _next = _first;
    }

    /// <summary>The node's pod network.</summary>
    public Ipv4Cidr Cidr { get; }

    /// <summary>A free address, now taken; null when every address is taken.</summary>
    public string? Allocate()
    {
        var span = _last - _first + 1;
        for (long i = 0; i < span; i++)
        {
            var offset = _first + (_next - _first + i) % span;
            if (!_used[(int)offset])
            {
                _used[(int)offset] = true;
                _next = offset + 1 > _last ? _first : offset + 1;
                return Ipv4Cidr.Format(Cidr.AddressAt(offset));
            }
        }
        return null;
    }

    /// <summary>Marks <paramref name="ip"/> taken (a pod that already has it); false when it is not in the block.</summary>
    public bool Occupy(string ip)
    {
        if (Cidr.OffsetOf(ip) is not { } offset || offset >= _used.Length)
        {
            return false;
        }
        _used[(int)offset] = true;
        return true;
    }

    /// <summary>Frees <paramref name="ip"/>.</summary>
    public void Release(string ip)
    {
        if (Cidr.OffsetOf(ip) is { } offset && offset < _used.Length)
        {
            _used[(int)offset] = false;
        }
    }
}
