using System.Text.Json.Nodes;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Plugins.InterPodAffinity;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Plugins.InterPodAffinity;

public sealed class InterPodAffinityArgsTests
{
    [Fact]
    public void Parse_WithoutArgs_GivesUpstreamsDefaults()
    {
        var args = InterPodAffinityArgs.Parse(null);

        Assert.Equal(1, args.HardPodAffinityWeight);
        Assert.False(args.IgnorePreferredTermsOfExistingPods);
    }

    [Fact]
    public void Parse_ReadsBothFields()
    {
        var args = InterPodAffinityArgs.Parse(new JsonObject { ["hardPodAffinityWeight"] = 100, ["ignorePreferredTermsOfExistingPods"] = true });

        Assert.Equal(100, args.HardPodAffinityWeight);
        Assert.True(args.IgnorePreferredTermsOfExistingPods);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Parse_RefusesAHardPodAffinityWeightOutOfRange_WithUpstreamsMessage(int weight)
    {
        var error = Assert.Throws<FormatException>(() => InterPodAffinityArgs.Parse(new JsonObject { ["hardPodAffinityWeight"] = weight }));

        Assert.Equal($"hardPodAffinityWeight: Invalid value: {weight}: not in valid range [0, 100]", error.Message);
    }

    [Fact]
    public void Parse_RefusesValuesOfTheWrongType()
    {
        Assert.Throws<FormatException>(() => InterPodAffinityArgs.Parse(new JsonObject { ["hardPodAffinityWeight"] = "two" }));
        Assert.Throws<FormatException>(() => InterPodAffinityArgs.Parse(new JsonObject { ["ignorePreferredTermsOfExistingPods"] = "yes" }));
    }

    [Fact]
    public void AProfilesPluginConfig_ReachesThePlugin_AndAnInvalidWeightRefusesTheProfile()
    {
        var registry = InTreePlugins.CreateRegistry();
        var profile = DefaultProfile.Create(registry) with
        {
            PluginArgs = new Dictionary<string, JsonObject> { ["InterPodAffinity"] = new() { ["hardPodAffinityWeight"] = 101 } },
        };

        var error = Assert.Throws<FormatException>(() =>
            FrameworkBuilder.Build(profile, registry, new FrameworkHandle(Make.NowhereClient(), new Snapshot())));

        Assert.Equal("hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]", error.Message);
    }
}
