using System.Diagnostics;
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

    /// <summary>
    /// A <see cref="ServiceNetwork"/> whose node forwards and passes bridged traffic through netfilter, as the proxy's
    /// node setup leaves it (the backend itself does not set these).
    /// </summary>
    public static async Task<ServiceNetwork> NetworkAsync(int endpoints, CancellationToken ct)
    {
        var network = await ServiceNetwork.CreateAsync(endpoints, ct);
        await RunInAsync(network.NodeNamespace, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.bridge.bridge-nf-call-iptables=1");
        return network;
    }

    /// <summary>The table as <c>nft list table</c> prints it (with map and set elements).</summary>
    public static Task<string> ListTableAsync(string networkNamespace) =>
        RunInAsync(networkNamespace, "nft", "list", "table", "ip", "kube-proxy");

    /// <summary>Runs <paramref name="program"/> in <paramref name="networkNamespace"/> and returns its output; throws when it fails.</summary>
    public static async Task<string> RunInAsync(string networkNamespace, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["netns", "exec", networkNamespace, program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ip did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await error).Trim()}");
        }

        return await output;
    }

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
