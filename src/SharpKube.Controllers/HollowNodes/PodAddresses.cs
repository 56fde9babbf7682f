namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// Which pod holds which IP on each node of the fleet. A pod keeps its address for as long as it exists (by
/// namespace/name and uid); a node whose pod network changed (the node IPAM controller gave it one after the
/// fallback was in use) gets a fresh block, and pods holding addresses of the old one keep them. Thread-safe.
/// </summary>
internal sealed class PodAddresses
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodAddressBlock> _blocks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Holding> _byPod = new(StringComparer.Ordinal);

    /// <summary>How many pods hold an address.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byPod.Count;
            }
        }
    }

    /// <summary>
    /// The address pod <paramref name="podKey"/> (uid <paramref name="uid"/>) holds on <paramref name="node"/>, or a
    /// new one from <paramref name="cidr"/>; null when the block is full.
    /// </summary>
    public string? AddressFor(string podKey, string uid, string node, Ipv4Cidr cidr)
    {
        lock (_lock)
        {
            if (_byPod.TryGetValue(podKey, out var held))
            {
                if (held.Uid == uid && held.Node == node)
                {
                    return held.Ip;
                }
                ReleaseLocked(podKey, held);
            }
            var block = BlockLocked(node, cidr);
            if (block.Allocate() is not { } ip)
            {
                return null;
            }
            _byPod[podKey] = new Holding(uid, node, ip, block);
            return ip;
        }
    }

    /// <summary>Records that a pod already has <paramref name="ip"/> (read from its status after a restart).</summary>
    public void Record(string podKey, string uid, string node, Ipv4Cidr cidr, string ip)
    {
        lock (_lock)
        {
            if (_byPod.TryGetValue(podKey, out var held))
            {
                ReleaseLocked(podKey, held);
            }
            var block = BlockLocked(node, cidr);
            // An address outside the node's current network (from an earlier one) is remembered but guards nothing.
            block.Occupy(ip);
            _byPod[podKey] = new Holding(uid, node, ip, block);
        }
    }

    /// <summary>Frees whatever address pod <paramref name="podKey"/> holds.</summary>
    public void Release(string podKey)
    {
        lock (_lock)
        {
            if (_byPod.TryGetValue(podKey, out var held))
            {
                ReleaseLocked(podKey, held);
            }
        }
    }

    private void ReleaseLocked(string podKey, Holding held)
    {
        held.Block.Release(held.Ip);
        _byPod.Remove(podKey);
    }

    private PodAddressBlock BlockLocked(string node, Ipv4Cidr cidr)
    {
        if (!_blocks.TryGetValue(node, out var block) || block.Cidr != cidr)
        {
            block = new PodAddressBlock(cidr);
            _blocks[node] = block;
        }
        return block;
    }

    private sealed record Holding(string Uid, string Node, string Ip, PodAddressBlock Block);
}
