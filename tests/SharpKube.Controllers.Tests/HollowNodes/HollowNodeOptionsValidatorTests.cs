using SharpKube.Controllers.HollowNodes;

namespace SharpKube.Controllers.Tests.HollowNodes;

public sealed class HollowNodeOptionsValidatorTests
{
    [Fact]
    public void TheDefaults_AreValid() => Assert.Empty(HollowNodeOptionsValidator.Problems(new HollowNodeOptions()));

    [Theory]
    [InlineData("--count: 0 must be at least 1")]
    [InlineData("--name-prefix: \"Hollow_\" does not make valid node names")]
    [InlineData("--cpu: \"lots\" is not a quantity")]
    [InlineData("--memory: \"0Gi\" must be more than zero")]
    [InlineData("--zones: 27 must be between 1 and 26")]
    [InlineData("--pod-cidr: \"10.244.0.0/25\" is not an IPv4 network of prefix length /24 or shorter")]
    public void ABadSetting_IsReportedWithItsFlag(string expected)
    {
        var options = new HollowNodeOptions { Count = 0, NamePrefix = "Hollow_", Cpu = "lots", Memory = "0Gi", Zones = 27, PodCidr = "10.244.0.0/25" };

        Assert.Contains(HollowNodeOptionsValidator.Problems(options), p => p.StartsWith(expected, StringComparison.Ordinal));
    }
}
