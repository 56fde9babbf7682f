using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Framework;

public sealed class FrameworkBuilderTests
{
    private static readonly PluginRegistry Registry = InTreePlugins.CreateRegistry();

    private static SchedulingFramework Build(SchedulerProfile profile) =>
        FrameworkBuilder.Build(profile, Registry, new FrameworkHandle(Make.NowhereClient(), new Snapshot()));

    [Fact]
    public void DefaultProfile_PlacesEachPluginAtTheExtensionPointsItImplements_InUpstreamOrder_WithUpstreamWeights()
    {
        var framework = Build(DefaultProfile.Create(Registry));

        var enabled = framework.EnabledPlugins;
        Assert.Equal(["SchedulingGates"], enabled[ExtensionPoint.PreEnqueue]);
        Assert.Equal(["PrioritySort"], enabled[ExtensionPoint.QueueSort]);
        Assert.Equal(["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit", "VolumeBinding", "PodTopologySpread", "InterPodAffinity"],
            enabled[ExtensionPoint.Filter]);
        Assert.Equal(["NodeAffinity", "NodePorts", "VolumeBinding", "PodTopologySpread", "InterPodAffinity"], enabled[ExtensionPoint.PreFilter]);
        Assert.Equal(["VolumeBinding"], enabled[ExtensionPoint.Reserve]);
        Assert.Equal(["VolumeBinding"], enabled[ExtensionPoint.PreBind]);
        Assert.Equal(["TaintToleration", "NodeAffinity", "PodTopologySpread", "InterPodAffinity", "ImageLocality"], enabled[ExtensionPoint.PreScore]);
        Assert.Equal(["TaintToleration", "NodeAffinity", "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity", "NodeResourcesBalancedAllocation", "ImageLocality"],
            enabled[ExtensionPoint.Score]);
        Assert.Equal(["DefaultBinder"], enabled[ExtensionPoint.Bind]);
        Assert.Equal(3, framework.ScoreWeights["TaintToleration"]);
        Assert.Equal(2, framework.ScoreWeights["NodeAffinity"]);
        Assert.Equal(1, framework.ScoreWeights["NodeResourcesFit"]);
        Assert.Equal(2, framework.ScoreWeights["PodTopologySpread"]);
        Assert.Equal(2, framework.ScoreWeights["InterPodAffinity"]);
        Assert.Equal(1, framework.ScoreWeights["NodeResourcesBalancedAllocation"]);
        Assert.Equal(1, framework.ScoreWeights["ImageLocality"]);
    }

    [Fact]
    public void APointsOwnList_DisablesAndReorders_AndItsWeightWins()
    {
        var profile = DefaultProfile.Create(Registry) with
        {
            ExtensionPoints = new Dictionary<ExtensionPoint, PluginSet>
            {
                [ExtensionPoint.Filter] = new() { Enabled = [new("NodeResourcesFit")], Disabled = ["NodePorts"] },
                [ExtensionPoint.Score] = new() { Enabled = [new("NodeResourcesFit", 5)], Disabled = ["TaintToleration"] },
            },
        };

        var framework = Build(profile);

        // Plugins named at the point come first in the point's order, then the rest of multiPoint.
        Assert.Equal(["NodeResourcesFit", "NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "VolumeBinding", "PodTopologySpread", "InterPodAffinity"],
            framework.EnabledPlugins[ExtensionPoint.Filter]);
        Assert.Equal(["NodeResourcesFit", "NodeAffinity", "PodTopologySpread", "InterPodAffinity", "NodeResourcesBalancedAllocation", "ImageLocality"],
            framework.EnabledPlugins[ExtensionPoint.Score]);
        Assert.Equal(5, framework.ScoreWeights["NodeResourcesFit"]);
    }

    [Fact]
    public void AnUnknownPlugin_OrOneWithoutQueueSortOrBind_IsRefusedWithUpstreamsMessage()
    {
        var unknown = DefaultProfile.Create(Registry) with { MultiPoint = new PluginSet { Enabled = [new("NoSuchPlugin")] } };
        Assert.Equal("plugin \"NoSuchPlugin\" does not exist", Assert.Throws<InvalidOperationException>(() => Build(unknown)).Message);

        var noSort = new SchedulerProfile { SchedulerName = "x", MultiPoint = new PluginSet { Enabled = [new("DefaultBinder")] } };
        Assert.Equal("one queue sort plugin required for profile with scheduler name \"x\"", Assert.Throws<InvalidOperationException>(() => Build(noSort)).Message);

        var noBind = new SchedulerProfile { SchedulerName = "y", MultiPoint = new PluginSet { Enabled = [new("PrioritySort")] } };
        Assert.Equal("at least one bind plugin is needed for profile with scheduler name \"y\"", Assert.Throws<InvalidOperationException>(() => Build(noBind)).Message);
    }

    [Fact]
    public void EventsByPlugin_ListsWhatEachRejectingPluginRegistered()
    {
        var framework = Build(DefaultProfile.Create(Registry));

        Assert.Contains(framework.EventsByPlugin["NodeResourcesFit"], e => e.Resource == EventResource.Node && e.Action.HasFlag(ActionType.Add));
        Assert.Contains(framework.EventsByPlugin["SchedulingGates"], e => e.Action == ActionType.UpdatePodSchedulingGatesEliminated);
        Assert.False(framework.EventsByPlugin.ContainsKey("DefaultBinder"));
    }
}
