using System.Text.Json.Nodes;
using SharpKube.Scheduler.Plugins.PodTopologySpread;

namespace SharpKube.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadArgsTests
{
    [Fact]
    public void Parse_WithoutArgs_UsesSystemDefaulting_WithUpstreamsConstraints()
    {
        var args = PodTopologySpreadArgs.Parse(null);

        Assert.Equal(DefaultingType.System, args.DefaultingType);
        Assert.Collection(args.EffectiveDefaultConstraints,
            c => Assert.Equal(("kubernetes.io/hostname", 3, "ScheduleAnyway"), (c.TopologyKey, c.MaxSkew, c.WhenUnsatisfiable)),
            c => Assert.Equal(("topology.kubernetes.io/zone", 5, "ScheduleAnyway"), (c.TopologyKey, c.MaxSkew, c.WhenUnsatisfiable)));
    }

    [Fact]
    public void Parse_ListDefaulting_ReadsTheDefaultConstraints()
    {
        var args = PodTopologySpreadArgs.Parse(JsonNode.Parse("""
            {"defaultingType": "List", "defaultConstraints": [
              {"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule"}]}
            """)!.AsObject());

        Assert.Equal(DefaultingType.List, args.DefaultingType);
        var constraint = Assert.Single(args.EffectiveDefaultConstraints);
        Assert.Equal(("topology.kubernetes.io/zone", 1, "DoNotSchedule"), (constraint.TopologyKey, constraint.MaxSkew, constraint.WhenUnsatisfiable));
    }

    [Fact]
    public void Parse_ListDefaultingWithoutConstraints_MeansNoDefaults()
    {
        Assert.Empty(PodTopologySpreadArgs.Parse(JsonNode.Parse("""{"defaultingType": "List"}""")!.AsObject()).EffectiveDefaultConstraints);
    }

    [Theory]
    [InlineData("""{"defaultingType": "Sometimes"}""",
        "defaultingType: Unsupported value: \"Sometimes\": supported values: \"System\", \"List\"")]
    [InlineData("""{"defaultConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"}]}""",
        "defaultingType: Invalid value: \"System\": when .defaultConstraints are not empty")]
    [InlineData("""{"defaultingType": "List", "defaultConstraints": [{"maxSkew": 0, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"}]}""",
        "defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range (0, inf)")]
    [InlineData("""{"defaultingType": "List", "defaultConstraints": [{"maxSkew": 1, "whenUnsatisfiable": "DoNotSchedule"}]}""",
        "defaultConstraints[0].topologyKey: Required value: can not be empty")]
    [InlineData("""{"defaultingType": "List", "defaultConstraints": [{"maxSkew": 1, "topologyKey": "zone"}]}""",
        "defaultConstraints[0].whenUnsatisfiable: Required value: can not be empty")]
    [InlineData("""{"defaultingType": "List", "defaultConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "Whenever"}]}""",
        "defaultConstraints[0].whenUnsatisfiable: Unsupported value: \"Whenever\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"")]
    [InlineData("""{"defaultingType": "List", "defaultConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {}}]}""",
        "defaultConstraints[0].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod")]
    [InlineData("""{"defaultingType": "List", "defaultConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"}, {"maxSkew": 2, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"}]}""",
        "defaultConstraints[1]: Duplicate value: \"{zone, DoNotSchedule}\"")]
    public void Parse_RefusesWhatUpstreamsValidationRefuses(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => PodTopologySpreadArgs.Parse(JsonNode.Parse(json)!.AsObject()));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_ReportsEveryProblem_AggregatedAsUpstream()
    {
        var error = Assert.Throws<FormatException>(() => PodTopologySpreadArgs.Parse(JsonNode.Parse("""
            {"defaultingType": "List", "defaultConstraints": [{"maxSkew": -1, "topologyKey": "bad key!", "whenUnsatisfiable": "DoNotSchedule"}]}
            """)!.AsObject()));

        Assert.StartsWith("[defaultConstraints[0].maxSkew: Invalid value: -1: not in valid range (0, inf), defaultConstraints[0].topologyKey: Invalid value: \"bad key!\"",
            error.Message);
    }
}
