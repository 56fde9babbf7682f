using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace SharpKube.Kubelet.Cni;

/// <summary>
/// The CNI network configuration list containerd uses for pods: a bridge with host-local addresses from the node's
/// pod CIDR, then portmap for hostPorts. There is no loopback entry: containerd brings up lo in each pod itself.
/// The bridge does not masquerade (<c>ipMasq</c> off): <see cref="PodEgressMasquerade"/> does that once per node.
/// </summary>
public static class CniConfig
{
    /// <summary>The conflist's file name in the conf dir; sorted first, and containerd loads only one.</summary>
    public const string FileName = "10-sharpkube.conflist";

    /// <summary>The network's name, which also names its host-local data directory.</summary>
    public const string NetworkName = "sharpkube";

    /// <summary>The CNI spec version; the plugins on our hosts (1.1.1) support up to 1.0.0.</summary>
    public const string CniVersion = "1.0.0";

    private const int MaxInterfaceNameLength = 15; // IFNAMSIZ - 1

    /// <summary>Renders the conflist as indented JSON.</summary>
    /// <exception cref="ArgumentException">The pod CIDR or the bridge name is not usable.</exception>
    public static string Render(CniNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (network, prefix) = ParsePodCidr(options.PodCidr);
        ValidateBridgeName(options.BridgeName);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("cniVersion", CniVersion);
            json.WriteString("name", NetworkName);
            json.WriteStartArray("plugins");

            json.WriteStartObject();
            json.WriteString("type", "bridge");
            json.WriteString("bridge", options.BridgeName);
            json.WriteBoolean("isGateway", true);
            json.WriteBoolean("ipMasq", false);
            json.WriteBoolean("hairpinMode", true);
            json.WriteStartObject("ipam");
            json.WriteString("type", "host-local");
            json.WriteStartArray("ranges");
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("subnet", $"{network}/{prefix}");
            json.WriteString("gateway", FirstHost(network).ToString());
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("routes");
            json.WriteStartObject();
            json.WriteString("dst", "0.0.0.0/0");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("dataDir", options.IpamDataDir);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "portmap");
            json.WriteStartObject("capabilities");
            json.WriteBoolean("portMappings", true);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    /// <summary>
    /// Writes the conflist to <paramref name="confDir"/>/<see cref="FileName"/> unless it already has this content.
    /// The file is rewritten in place, never renamed over: containerd 1.6's conf dir watcher misses a rename and
    /// would keep its old network (or none).
    /// </summary>
    /// <returns>Whether the file was written.</returns>
    /// <exception cref="ArgumentException">The pod CIDR or the bridge name is not usable.</exception>
    public static async Task<bool> WriteAsync(string confDir, CniNetworkOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(confDir);
        var content = Encoding.UTF8.GetBytes(Render(options));
        Directory.CreateDirectory(confDir);
        var path = Path.Combine(confDir, FileName);
        if (File.Exists(path) && (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(content))
        {
            return false;
        }

        // FileMode.Create opens with O_TRUNC on an existing file: same inode, and one write for the whole content.
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, useAsync: false);
        await file.WriteAsync(content, cancellationToken);
        await file.FlushAsync(cancellationToken);
        return true;
    }

    /// <summary>Checks that <paramref name="bridgeName"/> can name a Linux interface.</summary>
    /// <exception cref="ArgumentException">It cannot: empty, too long, or with '/', ':' or spaces.</exception>
    public static void ValidateBridgeName(string bridgeName)
    {
        if (string.IsNullOrEmpty(bridgeName) || bridgeName.Length > MaxInterfaceNameLength
            || bridgeName.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException(
                $"Bridge name '{bridgeName}' is not a Linux interface name (1 to {MaxInterfaceNameLength} characters, no '/', ':' or spaces).",
                nameof(bridgeName));
        }
    }

    /// <summary>Parses an IPv4 pod CIDR whose host bits are zero and whose prefix leaves room for pods (≤ /30).</summary>
    /// <exception cref="ArgumentException">With what is wrong with <paramref name="podCidr"/>.</exception>
    public static (IPAddress Network, int PrefixLength) ParsePodCidr(string podCidr)
    {
        ArgumentNullException.ThrowIfNull(podCidr);
        var slash = podCidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(podCidr.AsSpan(0, slash), out var address)
            || !int.TryParse(podCidr.AsSpan(slash + 1), NumberStyles.None, null, out var prefix))
        {
            throw new ArgumentException($"Pod CIDR '{podCidr}' is not of the form a.b.c.d/n.", nameof(podCidr));
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"Pod CIDR '{podCidr}' is not IPv4; only IPv4 pod networks are supported.", nameof(podCidr));
        }

        if (prefix > 30)
        {
            throw new ArgumentException(
                $"Pod CIDR '{podCidr}' is too small: the prefix must be at most /30 to leave a gateway and pod addresses.",
                nameof(podCidr));
        }

        var bits = ToUInt32(address);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        if ((bits & ~mask) != 0)
        {
            throw new ArgumentException(
                $"Pod CIDR '{podCidr}' has host bits set; the network address is {FromUInt32(bits & mask)}/{prefix}.",
                nameof(podCidr));
        }

        return (address, prefix);
    }

    private static IPAddress FirstHost(IPAddress network) => FromUInt32(ToUInt32(network) + 1);

    private static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static IPAddress FromUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
