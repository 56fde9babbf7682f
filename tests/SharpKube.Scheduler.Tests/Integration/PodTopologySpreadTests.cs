using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>Topology spread constraints over hollow nodes in three zones: where pods land, and the message when none may.</summary>
public sealed class PodTopologySpreadTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Zone = "topology.kubernetes.io/zone";

    private Kubernetes Client => fixture.Client;

    private static V1Pod Spreading(string name, string when = "DoNotSchedule", int? minDomains = null, string app = "spread")
    {
        var pod = Make.Pod(name, labels: new Dictionary<string, string> { ["app"] = app });
        pod.Spec.TopologySpreadConstraints =
        [
            new V1TopologySpreadConstraint
            {
                MaxSkew = 1,
                TopologyKey = Zone,
                WhenUnsatisfiable = when,
                MinDomains = minDomains,
                LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
            },
        ];
        return pod;
    }

    private async Task<Dictionary<string, string>> ZonesByNodeAsync()
    {
        var nodes = await Client.CoreV1.ListNodeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return nodes.Items.ToDictionary(n => n.Metadata.Name, n => n.Metadata.Labels is { } labels && labels.TryGetValue(Zone, out var zone) ? zone : "");
    }

    [Fact]
    public async Task SixPodsWithMaxSkew1_SpreadTwoPerZone()
    {
        var ns = await fixture.NamespaceAsync("spread-even");
        // Two nodes per zone, so the zones rather than the nodes are what the pods spread over.
        await using var fleet = await HollowCluster.StartAsync(fixture, "even-", count: 6);
        await using var scheduler = RunningScheduler.Start(fixture);

        for (var i = 0; i < 6; i++)
        {
            // The pods prefer zone-a strongly: only the spread constraint keeps them from piling up there.
            var pod = Spreading($"web-{i}");
            pod.Spec.Affinity = new V1Affinity
            {
                NodeAffinity = new V1NodeAffinity
                {
                    PreferredDuringSchedulingIgnoredDuringExecution =
                    [
                        new V1PreferredSchedulingTerm
                        {
                            Weight = 100,
                            Preference = new V1NodeSelectorTerm
                            {
                                MatchExpressions = [new V1NodeSelectorRequirement { Key = Zone, OperatorProperty = "In", Values = ["zone-a"] }],
                            },
                        },
                    ],
                },
            };
            await Client.CreateAsync(ns, pod);
        }

        var zones = await ZonesByNodeAsync();
        var placed = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            placed.Add(zones[await Client.BoundNodeAsync(ns, $"web-{i}")]);
        }
        Assert.Equal(["zone-a", "zone-b", "zone-c"], placed.Distinct().Order());
        Assert.All(placed.GroupBy(z => z), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task APodThatWouldBreakTheSpread_GetsFailedScheduling_WithUpstreamsSummary_UntilANewZoneAppears()
    {
        var ns = await fixture.NamespaceAsync("spread-full");
        await using var fleet = await HollowCluster.StartAsync(fixture, "full-", count: 3);
        await using var scheduler = RunningScheduler.Start(fixture);
        for (var i = 0; i < 3; i++)
        {
            await Client.CreateAsync(ns, Spreading($"web-{i}"));
            await Client.BoundNodeAsync(ns, $"web-{i}");
        }

        // Three zones, one pod each; asking for four domains makes the global minimum 0, so any zone would reach skew 2.
        await Client.CreateAsync(ns, Spreading("fourth", minDomains: 4));

        const string summary = "0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints.";
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "fourth")) is { Status: "False", Reason: "Unschedulable" } c
            && c.Message.StartsWith(summary, StringComparison.Ordinal), "PodScheduled is False/Unschedulable with the summary");
        await Eventually.TrueAsync(async () => (await Client.EventsAboutAsync(ns, "fourth")).Any(e =>
            e is { Type: "Warning", Reason: "FailedScheduling" } && e.Message.StartsWith(summary, StringComparison.Ordinal)), "a FailedScheduling event with the summary");
        Assert.Equal("", await Client.NodeOfAsync(ns, "fourth"));

        // A node in a fourth zone is the fourth domain, with no pod: PodTopologySpread registered node additions and
        // label changes, so the pod is retried and lands there.
        await using var extra = await SchedulableNodes.CreateAsync(Client, "full-zone-d");
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [Zone] = "zone-d" } } };
        await Client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), "full-zone-d",
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("full-zone-d", await Client.BoundNodeAsync(ns, "fourth"));
    }

    [Fact]
    public async Task ScheduleAnyway_PrefersTheZoneWithFewerMatchingPods()
    {
        var ns = await fixture.NamespaceAsync("spread-soft");
        await using var fleet = await HollowCluster.StartAsync(fixture, "soft-", count: 3);
        var nodeOfZone = (await ZonesByNodeAsync()).Where(z => z.Key.StartsWith("soft-", StringComparison.Ordinal)).ToDictionary(z => z.Value, z => z.Key);
        // Every node runs two pods, so resources do not tell the nodes apart; only zone-c's are not of the app.
        for (var i = 0; i < 2; i++)
        {
            await Client.CreateAsync(ns, Make.Pod($"a-{i}", nodeName: nodeOfZone["zone-a"], labels: new Dictionary<string, string> { ["app"] = "spread" }));
            await Client.CreateAsync(ns, Make.Pod($"b-{i}", nodeName: nodeOfZone["zone-b"], labels: new Dictionary<string, string> { ["app"] = "spread" }));
            await Client.CreateAsync(ns, Make.Pod($"c-{i}", nodeName: nodeOfZone["zone-c"], labels: new Dictionary<string, string> { ["app"] = "other" }));
        }
        await using var scheduler = RunningScheduler.Start(fixture);

        await Client.CreateAsync(ns, Spreading("soft", when: "ScheduleAnyway"));

        Assert.Equal(nodeOfZone["zone-c"], await Client.BoundNodeAsync(ns, "soft"));
    }

    [Fact]
    public async Task ANodeWithoutTheZoneLabel_IsSkipped()
    {
        var ns = await fixture.NamespaceAsync("spread-bare");
        await using var fleet = await HollowCluster.StartAsync(fixture, "bare-", count: 3);
        await using var bare = await SchedulableNodes.CreateAsync(Client, "bare-unzoned");
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [Zone] = null } } };
        await Client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), "bare-unzoned",
            cancellationToken: TestContext.Current.CancellationToken);
        await using var scheduler = RunningScheduler.Start(fixture);

        for (var i = 0; i < 6; i++)
        {
            await Client.CreateAsync(ns, Spreading($"web-{i}"));
        }

        for (var i = 0; i < 6; i++)
        {
            Assert.NotEqual("bare-unzoned", await Client.BoundNodeAsync(ns, $"web-{i}"));
        }
    }
}
