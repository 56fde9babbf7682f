using SharpKube.Controllers.HollowNodes;

namespace SharpKube.Controllers.Tests.HollowNodes;

public sealed class PodAddressesTests
{
    private static readonly Ipv4Cidr Slash29 = Ipv4Cidr.TryParse("10.9.0.0/29")!.Value;

    [Fact]
    public void ABlock_SkipsTheNetworkGatewayAndBroadcastAddresses_AndRunsOutAfterTheRest()
    {
        var addresses = new PodAddresses();

        var given = Enumerable.Range(0, 5).Select(i => addresses.AddressFor("ns/p" + i, "uid-" + i, "n0", Slash29)).ToList();

        Assert.Equal(["10.9.0.2", "10.9.0.3", "10.9.0.4", "10.9.0.5", "10.9.0.6"], given);
        Assert.Null(addresses.AddressFor("ns/p5", "uid-5", "n0", Slash29));
    }

    [Fact]
    public void APod_KeepsItsAddress_AndAFreedAddressIsReusedOnlyAfterTheOthers()
    {
        var addresses = new PodAddresses();
        var first = addresses.AddressFor("ns/a", "uid-a", "n0", Slash29);
        Assert.Equal(first, addresses.AddressFor("ns/a", "uid-a", "n0", Slash29));

        addresses.Release("ns/a");
        var next = addresses.AddressFor("ns/b", "uid-b", "n0", Slash29);

        Assert.Equal(("10.9.0.2", "10.9.0.3"), (first, next));
        Assert.Equal(["10.9.0.4", "10.9.0.5", "10.9.0.6", "10.9.0.2"],
            Enumerable.Range(0, 4).Select(i => addresses.AddressFor("ns/c" + i, "uid-c" + i, "n0", Slash29)));
    }

    [Fact]
    public void APodRecreatedUnderTheSameName_GetsANewAddress_AndRecordedAddressesAreNotHandedOut()
    {
        var addresses = new PodAddresses();
        addresses.Record("ns/old", "uid-old", "n0", Slash29, "10.9.0.2");

        var reused = addresses.AddressFor("ns/x", "uid-1", "n0", Slash29);
        var recreated = addresses.AddressFor("ns/x", "uid-2", "n0", Slash29);

        Assert.Equal(("10.9.0.3", "10.9.0.4"), (reused, recreated));
        Assert.Equal(2, addresses.Count);
    }

    [Fact]
    public void FallbackBlocks_FollowTheNodeIndex_AndRepeatPastTheNetworksSize()
    {
        var blocks = new FallbackPodCidrs("10.244.0.0/23");

        Assert.Equal(2, blocks.Capacity);
        Assert.Equal(["10.244.0.0/24", "10.244.1.0/24", "10.244.0.0/24"], Enumerable.Range(0, 3).Select(i => blocks.For(i).ToString()));
    }
}
