using System.Net;
using SharpKube.Proxy.Tests.Network;
using static SharpKube.Proxy.Tests.Nftables.ServiceStates;

namespace SharpKube.Proxy.Tests.Nftables;

/// <summary>Traffic through rules the nftables backend programmed in a private node namespace.</summary>
public sealed class NftablesTrafficTests
{
    private static readonly IPAddress ClusterIp = IPAddress.Parse("10.43.0.50");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ClusterIp_WithThreeEndpoints_SpreadsRequestsOverAll_AndScalesDownToOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var network = await ServiceNetwork.CreateAsync(3, ct);
        var backend = NftablesFixture.Backend(network);
        var states = new ServiceStates();
        var eps = network.EndpointAddresses;
        states.Set(Service("web", "10.43.0.50", 80), Ready(eps[0], 8080), Ready(eps[1], 8080), Ready(eps[2], 8080));
        await backend.SyncAsync(states.Full(), ct);

        var spread = await NftablesFixture.SpreadAsync(network, ClusterIp, 80, 100);
        Assert.Equal(["ep0", "ep1", "ep2"], spread.Keys.Order());
        Assert.All(spread.Values, count => Assert.InRange(count, 10, 60));

        states.Set(Service("web", "10.43.0.50", 80), Ready(eps[1], 8080));
        await backend.SyncAsync(states.Changed("default/web"), ct);
        spread = await NftablesFixture.SpreadAsync(network, ClusterIp, 80, 20);
        Assert.Equal(["ep1"], spread.Keys);
    }
}
