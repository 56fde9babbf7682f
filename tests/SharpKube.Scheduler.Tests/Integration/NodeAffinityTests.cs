using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>Node selectors and node affinity as a user sees them: where pods land, the message when none fits, and retries on label changes.</summary>
public sealed class NodeAffinityTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task PodsWithANodeSelectorOrRequiredAffinity_LandOnlyOnMatchingNodes()
    {
        var ns = await fixture.NamespaceAsync("affinity-match");
        await using var ssd = await SchedulableNodes.CreateAsync(Client, "aff-ssd");
        await using var hdd = await SchedulableNodes.CreateAsync(Client, "aff-hdd");
        await using var gpu = await SchedulableNodes.CreateAsync(Client, "aff-gpu");
        await PatchLabelsAsync("aff-ssd", new() { ["disk"] = "ssd" });
        await PatchLabelsAsync("aff-hdd", new() { ["disk"] = "hdd" });
        await PatchLabelsAsync("aff-gpu", new() { ["disk"] = "hdd", ["gpu-count"] = "4" });
        await using var scheduler = RunningScheduler.Start(fixture);

        for (var i = 0; i < 3; i++)
        {
            var selector = Make.Pod($"selector-{i}");
            selector.Spec.NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" };
            await Client.CreateAsync(ns, selector);
            await Client.CreateAsync(ns, WithRequired(Make.Pod($"affinity-{i}"), Requirement("gpu-count", "Gt", "2")));
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("aff-ssd", await Client.BoundNodeAsync(ns, $"selector-{i}"));
            Assert.Equal("aff-gpu", await Client.BoundNodeAsync(ns, $"affinity-{i}"));
        }
    }

    [Fact]
    public async Task APodWhoseAffinityMatchesNoNode_GetsFailedScheduling_ThenSchedulesWhenANodesLabelsMatch()
    {
        var ns = await fixture.NamespaceAsync("affinity-none");
        await using var a = await SchedulableNodes.CreateAsync(Client, "none-a");
        await using var b = await SchedulableNodes.CreateAsync(Client, "none-b");
        await using var scheduler = RunningScheduler.Start(fixture);

        await Client.CreateAsync(ns, WithRequired(Make.Pod("picky"), Requirement("tier", "In", "gold")));

        const string message = "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. "
            + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "picky")) is { Status: "False", Reason: "Unschedulable" } c
            && c.Message == message, "PodScheduled is False/Unschedulable with the summary");
        await Eventually.TrueAsync(async () => (await Client.EventsAboutAsync(ns, "picky")).Any(e =>
            e is { Type: "Warning", Reason: "FailedScheduling", Message: message }), "a FailedScheduling event with the summary");

        // NodeAffinity registered node label changes: the patch brings the pod back well before the 5 minute flush.
        await PatchLabelsAsync("none-b", new() { ["tier"] = "gold" });

        Assert.Equal("none-b", await Client.BoundNodeAsync(ns, "picky"));
    }

    [Fact]
    public async Task PreferredAffinity_PicksThePreferredNode_WhenResourcesAreEqual()
    {
        var ns = await fixture.NamespaceAsync("affinity-preferred");
        await using var plain = await SchedulableNodes.CreateAsync(Client, "pref-plain");
        await using var preferred = await SchedulableNodes.CreateAsync(Client, "pref-fast");
        await using var other = await SchedulableNodes.CreateAsync(Client, "pref-other");
        await PatchLabelsAsync("pref-fast", new() { ["speed"] = "fast" });
        await using var scheduler = RunningScheduler.Start(fixture);

        for (var i = 0; i < 3; i++)
        {
            var pod = Make.Pod($"likes-fast-{i}", cpu: "100m", memory: "64Mi");
            pod.Spec.Affinity = new V1Affinity
            {
                NodeAffinity = new V1NodeAffinity
                {
                    PreferredDuringSchedulingIgnoredDuringExecution =
                    [
                        new V1PreferredSchedulingTerm
                        {
                            Weight = 10,
                            Preference = new V1NodeSelectorTerm { MatchExpressions = [Requirement("speed", "In", "fast")] },
                        },
                    ],
                },
            };
            await Client.CreateAsync(ns, pod);
            Assert.Equal("pref-fast", await Client.BoundNodeAsync(ns, $"likes-fast-{i}"));
        }
    }

    private static V1NodeSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values };

    private static V1Pod WithRequired(V1Pod pod, params V1NodeSelectorRequirement[] expressions)
    {
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = expressions }] },
            },
        };
        return pod;
    }

    private Task PatchLabelsAsync(string node, Dictionary<string, string> labels)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject([.. labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]) } };
        return Client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), node,
            cancellationToken: TestContext.Current.CancellationToken);
    }
}
