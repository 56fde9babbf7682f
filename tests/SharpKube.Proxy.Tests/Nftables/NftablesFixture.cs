using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Proxy.Nftables;
using SharpKube.Proxy.Tests.Network;

namespace SharpKube.Proxy.Tests.Nftables;

/// <summary>Creates an <see cref="NftablesBackend"/> programming a <see cref="ServiceNetwork"/>'s node namespace.</summary>
internal static class NftablesFixture
{
    public static NftablesBackend Backend(ServiceNetwork network) => new(
        new NftablesSettings { NetworkNamespace = network.NodeNamespace, NodeAddresses = [network.NodeAddress] },
        NullLogger.Instance);

    /// <summary>The table as <c>nft list table</c> prints it (with map and set elements).</summary>
    public static Task<string> ListTableAsync(string networkNamespace) =>
        ServiceNetwork.RunInAsync(networkNamespace, "nft", "list", "table", "ip", "kube-proxy");

    /// <summary>How many of <paramref name="count"/> TCP requests each endpoint answered.</summary>
    public static async Task<Dictionary<string, int>> SpreadAsync(ServiceNetwork network, System.Net.IPAddress ip, int port, int count)
    {
        var answers = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            var reply = await network.TcpRequestAsync(ip, port, TimeSpan.FromSeconds(5));
            answers[reply] = answers.GetValueOrDefault(reply) + 1;
        }

        return answers;
    }
}
