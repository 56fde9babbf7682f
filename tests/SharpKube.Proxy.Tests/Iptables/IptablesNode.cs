using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Proxy.Iptables;
using SharpKube.Proxy.Node;
using SharpKube.Proxy.Tests.Network;

namespace SharpKube.Proxy.Tests.Iptables;

/// <summary>A <see cref="ServiceNetwork"/> with an iptables backend programming its node namespace.</summary>
internal sealed class IptablesNode : IAsyncDisposable
{
    private IptablesNode(ServiceNetwork network, IptablesBackend backend, NodeCommands commands)
    {
        Network = network;
        Backend = backend;
        Commands = commands;
    }

    public ServiceNetwork Network { get; }

    public IptablesBackend Backend { get; }

    public NodeCommands Commands { get; }

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<IptablesNode> CreateAsync(int endpoints)
    {
        var ct = TestContext.Current.CancellationToken;
        var network = await ServiceNetwork.CreateAsync(endpoints, ct);
        var options = new ProxyOptions { NetworkNamespace = network.NodeNamespace, ClusterCidr = "10.42.0.0/16" };
        var commands = new NodeCommands(network.NodeNamespace);
        await NodeSysctls.ApplyAsync(commands, NullLogger.Instance, ct);
        return new IptablesNode(network, new IptablesBackend(options, NullLogger.Instance), commands);
    }

    public Task<string> SaveAsync() => Commands.RunCheckedAsync("iptables-save", [], null, TestContext.Current.CancellationToken);

    /// <summary>Who answers <paramref name="count"/> TCP requests from the client pod, by name.</summary>
    public async Task<Dictionary<string, int>> HitsAsync(System.Net.IPAddress ip, int port, int count)
    {
        var hits = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            var name = await Network.TcpRequestAsync(ip, port, Timeout);
            hits[name] = hits.GetValueOrDefault(name) + 1;
        }
        return hits;
    }

    public ValueTask DisposeAsync() => Network.DisposeAsync();
}
