using SharpKube.ApiMachinery.Discovery;

namespace SharpKube.ApiMachinery.Tests.Discovery;

public sealed class DiscoveryNegotiationTests
{
    [Theory]
    [InlineData(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
        AggregatedDiscoveryVersion.V2)]
    [InlineData("application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io", AggregatedDiscoveryVersion.V2)]
    [InlineData(
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
        AggregatedDiscoveryVersion.V2Beta1)]
    [InlineData(
        "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
        AggregatedDiscoveryVersion.V2)]
    [InlineData(
        "application/json;q=0.5,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
        AggregatedDiscoveryVersion.V2)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,*/*", null)]
    [InlineData("application/json, */*", null)]
    [InlineData("application/json,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", null)]
    [InlineData("*/*", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void SelectAggregatedVersion_HonoursTheClientsFirstAcceptableType(string? accept, AggregatedDiscoveryVersion? expected)
    {
        Assert.Equal(expected, DiscoveryNegotiation.SelectAggregatedVersion(accept));
    }

    [Fact]
    public void AggregatedContentTypes_AreTheExactStringsClientGoParses()
    {
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", DiscoveryMediaTypes.AggregatedV2);
        Assert.Equal(
            "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
            DiscoveryMediaTypes.For(AggregatedDiscoveryVersion.V2Beta1));
    }

    [Theory]
    [InlineData("\"ABC\"", true)]
    [InlineData("W/\"ABC\"", true)]
    [InlineData("\"XYZ\", \"ABC\"", true)]
    [InlineData("*", true)]
    [InlineData("\"XYZ\"", false)]
    [InlineData(null, false)]
    public void EntityTagMatches_RecognisesTheClientsCurrentCopy(string? ifNoneMatch, bool matches)
    {
        Assert.Equal(matches, EntityTag.Matches(ifNoneMatch, "\"ABC\""));
    }
}
