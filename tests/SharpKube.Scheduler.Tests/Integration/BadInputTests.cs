using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>
/// Pods and nodes the scheduler cannot make sense of: each is left alone or told why it does not fit, and none wedges
/// the queue — an ordinary pod created after all of them still schedules at once.
/// </summary>
public sealed class BadInputTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task NoBadPodOrNode_WedgesTheQueue_AndEachGetsUpstreamsTreatment()
    {
        var ns = await fixture.NamespaceAsync("bad-input");
        await using var normal = await SchedulableNodes.CreateAsync(Client, "bad-normal");
        await using var zero = await SchedulableNodes.CreateAsync(Client, "bad-zero", cpu: "0", memory: "0", pods: 0);
        // A node whose kubelet never reported: no status.allocatable at all.
        await using var bare = await HandMadeNode.CreateAsync(Client, "bad-bare", "zone-a");
        await using var scheduler = RunningScheduler.Start(fixture);

        await Client.CreateAsync(ns, Make.Pod("other-scheduler", schedulerName: "no-such-scheduler"));
        var ghostSelector = Make.Pod("ghost-selector");
        ghostSelector.Spec.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "ghost" };
        await Client.CreateAsync(ns, ghostSelector);
        await Client.CreateAsync(ns, Make.Pod("ghost-node", nodeName: "ghost"));
        // The API server accepts a Gt whose value is not an integer (as upstream); no node can match it.
        var words = Make.Pod("gt-word");
        words.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "cores", OperatorProperty = "Gt", Values = ["many"] }] }],
                },
            },
        };
        await Client.CreateAsync(ns, words);
        await Client.CreateAsync(ns, Make.Pod("hungry", cpu: "8", memory: "1Gi"));

        var clock = Stopwatch.StartNew();
        await Client.CreateAsync(ns, Make.Pod("ordinary", cpu: "100m", memory: "64Mi"));
        Assert.Equal("bad-normal", await Client.BoundNodeAsync(ns, "ordinary"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the ordinary pod took {clock.Elapsed} to schedule");

        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "ghost-selector"))?.Message ==
            "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", "the ghost selector is reported");
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "gt-word"))?.Message ==
            "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", "the unparsable Gt matches no node");
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "hungry"))?.Message is { } m
            && m.StartsWith("0/3 nodes are available: ", StringComparison.Ordinal) && m.Contains("3 Insufficient cpu", StringComparison.Ordinal),
            "the hungry pod is told about cpu on all three nodes");

        // Another scheduler's pod, and a pod already naming a node, are none of this scheduler's business.
        var other = await Client.PodAsync(ns, "other-scheduler");
        Assert.True(string.IsNullOrEmpty(other.Spec.NodeName));
        Assert.DoesNotContain(other.Status?.Conditions ?? [], c => c.Type == "PodScheduled");
        Assert.Empty(await Client.EventsAboutAsync(ns, "other-scheduler"));
        var ghost = await Client.PodAsync(ns, "ghost-node");
        Assert.Equal("ghost", ghost.Spec.NodeName);
        Assert.DoesNotContain(ghost.Status?.Conditions ?? [], c => c.Type == "PodScheduled");
        Assert.DoesNotContain(await Client.EventsAboutAsync(ns, "ghost-node"), e => e.Reason is "Scheduled" or "FailedScheduling");

        // And the queue still moves after all of that.
        await Client.CreateAsync(ns, Make.Pod("ordinary-2", cpu: "100m", memory: "64Mi"));
        Assert.Equal("bad-normal", await Client.BoundNodeAsync(ns, "ordinary-2"));
    }

    [Fact]
    public async Task NodesWithZeroOrNoAllocatable_AreReportedAsInsufficient_AndScheduleOnceTheyReportResources()
    {
        var ns = await fixture.NamespaceAsync("bad-alloc");
        await using var zero = await SchedulableNodes.CreateAsync(Client, "alloc-zero", cpu: "0", memory: "0", pods: 0);
        await using var bare = await HandMadeNode.CreateAsync(Client, "alloc-bare", "zone-a");
        await using var scheduler = RunningScheduler.Start(fixture);

        await Client.CreateAsync(ns, Make.Pod("needs", cpu: "500m", memory: "128Mi"));

        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "needs")) is { Status: "False", Reason: "Unschedulable" } c
            && c.Message == "0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory, 2 Too many pods. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.", "both nodes are reported as insufficient");

        // The bare node's kubelet finally reports: an allocatable change is an event NodeResourcesFit waits for.
        var resources = new JsonObject { ["cpu"] = "2", ["memory"] = "4Gi", ["pods"] = "110" };
        var status = new JsonObject { ["status"] = new JsonObject { ["allocatable"] = resources, ["capacity"] = resources.DeepClone() } };
        await Client.CoreV1.PatchNodeStatusAsync(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch), "alloc-bare", cancellationToken: Ct);

        Assert.Equal("alloc-bare", await Client.BoundNodeAsync(ns, "needs"));
    }
}
