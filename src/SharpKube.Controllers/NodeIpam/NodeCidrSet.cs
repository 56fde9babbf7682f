using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SharpKube.Controllers.NodeIpam;

/// <summary>
/// The pod CIDRs of the cluster network cut into equal blocks, one per node (e.g. /24s of <c>10.42.0.0/16</c>), and
/// which node holds which block. Blocks are handed out round-robin from after the last one given, so a block just
/// freed is not reused at once. Thread-safe.
/// </summary>
public sealed class NodeCidrSet
{
    /// <summary>The most bits a node block may add to the cluster prefix (upstream's limit: 2^16 blocks).</summary>
    public const int MaxPrefixDifference = 16;

    private readonly Lock _lock = new();
    private readonly uint _base;
    private readonly int _clusterPrefix;
    private readonly int _nodePrefix;
    private readonly string?[] _owners;
    private readonly Dictionary<string, int> _byNode = new(StringComparer.Ordinal);
    private int _next;

    private NodeCidrSet(uint network, int clusterPrefix, int nodePrefix)
    {
        _base = network;
        _clusterPrefix = clusterPrefix;
        _nodePrefix = nodePrefix;
        _owners = new string?[1 << (nodePrefix - clusterPrefix)];
    }

    /// <summary>The cluster network, e.g. <c>10.42.0.0/16</c>.</summary>
    public string ClusterCidr => Format(_base, _clusterPrefix);

    /// <summary>How many node blocks the cluster network holds.</summary>
    public int Capacity => _owners.Length;

    /// <summary>How many blocks are held.</summary>
    public int Used
    {
        get
        {
            lock (_lock)
            {
                return _byNode.Count;
            }
        }
    }

    /// <summary>Cuts <paramref name="clusterCidr"/> (IPv4) into blocks of prefix length <paramref name="nodeMaskSize"/>.</summary>
    /// <exception cref="FormatException">The CIDR is not an IPv4 network, or the mask size does not fit it.</exception>
    public static NodeCidrSet Create(string clusterCidr, int nodeMaskSize)
    {
        ArgumentNullException.ThrowIfNull(clusterCidr);
        if (!IPNetwork.TryParse(clusterCidr.Trim(), out var network))
        {
            throw new FormatException($"--cluster-cidr: \"{clusterCidr}\" is not a network in CIDR notation, e.g. 10.42.0.0/16");
        }
        if (network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new FormatException($"--cluster-cidr: \"{clusterCidr}\" is not IPv4; only IPv4 pod networks are supported");
        }
        if (nodeMaskSize < network.PrefixLength || nodeMaskSize > 32)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"--node-cidr-mask-size: {nodeMaskSize} must be between the cluster CIDR's prefix length ({network.PrefixLength}) and 32"));
        }
        if (nodeMaskSize - network.PrefixLength > MaxPrefixDifference)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"--node-cidr-mask-size: {nodeMaskSize} cuts {clusterCidr} into more than 2^{MaxPrefixDifference} blocks; use a mask size of at most {network.PrefixLength + MaxPrefixDifference}"));
        }
        // As upstream's sloppy parse: host bits given (10.42.0.1/16) are dropped.
        var address = BinaryPrimitives.ReadUInt32BigEndian(network.BaseAddress.GetAddressBytes()) & Mask(network.PrefixLength);
        return new NodeCidrSet(address, network.PrefixLength, nodeMaskSize);
    }

    /// <summary>The block <paramref name="node"/> holds, or null.</summary>
    public string? CidrOf(string node)
    {
        lock (_lock)
        {
            return _byNode.TryGetValue(node, out var index) ? BlockText(index) : null;
        }
    }

    /// <summary>
    /// Records that <paramref name="node"/> holds <paramref name="cidr"/> (read from its <c>spec.podCIDRs</c>). Returns
    /// null when recorded, else why not: outside the cluster network, not a block boundary, or held by another node.
    /// </summary>
    public string? Occupy(string node, string cidr)
    {
        if (!IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            return $"\"{cidr}\" is not an IPv4 CIDR";
        }
        var address = BinaryPrimitives.ReadUInt32BigEndian(network.BaseAddress.GetAddressBytes());
        if (network.PrefixLength != _nodePrefix || (address & Mask(_clusterPrefix)) != _base || (address & ~Mask(_nodePrefix)) != 0)
        {
            return $"{cidr} is not a /{_nodePrefix} block of the cluster CIDR {ClusterCidr}";
        }
        var index = (int)((address - _base) >> (32 - _nodePrefix));
        lock (_lock)
        {
            if (_owners[index] is { } owner && owner != node)
            {
                return $"{cidr} is held by node {owner}";
            }
            if (_byNode.TryGetValue(node, out var previous) && previous != index)
            {
                _owners[previous] = null;
            }
            _owners[index] = node;
            _byNode[node] = index;
            return null;
        }
    }

    /// <summary>The block <paramref name="node"/> holds, or a free one now given to it; null when every block is held.</summary>
    public string? Allocate(string node)
    {
        lock (_lock)
        {
            if (_byNode.TryGetValue(node, out var held))
            {
                return BlockText(held);
            }
            for (var i = 0; i < _owners.Length; i++)
            {
                var index = (_next + i) % _owners.Length;
                if (_owners[index] is null)
                {
                    _owners[index] = node;
                    _byNode[node] = index;
                    _next = (index + 1) % _owners.Length;
                    return BlockText(index);
                }
            }
            return null;
        }
    }

    /// <summary>Frees the block <paramref name="node"/> holds; true when it held one.</summary>
    public bool Release(string node)
    {
        lock (_lock)
        {
            if (!_byNode.Remove(node, out var index))
            {
                return false;
            }
            _owners[index] = null;
            return true;
        }
    }

    private string BlockText(int index) => Format(_base + ((uint)index << (32 - _nodePrefix)), _nodePrefix);

    private static uint Mask(int prefix) => prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);

    private static string Format(uint address, int prefix)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes).ToString() + "/" + prefix.ToString(CultureInfo.InvariantCulture);
    }
}
