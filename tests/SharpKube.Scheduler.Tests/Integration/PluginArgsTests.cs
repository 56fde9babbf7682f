using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SharpKube.Scheduler.Configuration;
using SharpKube.Scheduler.Hosting;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>Plugin arguments from a configuration file, as a user sees their effect on where pods land.</summary>
public sealed class PluginArgsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task AddedAffinity_KeepsEveryPodOfTheProfileOnMatchingNodes()
    {
        var ns = await fixture.NamespaceAsync("added-affinity");
        await using var batch = await SchedulableNodes.CreateAsync(Client, "added-batch");
        await using var web = await SchedulableNodes.CreateAsync(Client, "added-web");
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["pool"] = "batch" } } };
        await Client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), "added-batch",
            cancellationToken: TestContext.Current.CancellationToken);
        var configuration = SchedulerConfigurationParser.Parse("""
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            leaderElection:
              leaderElect: false
            profiles:
            - schedulerName: batch-only
              pluginConfig:
              - name: NodeAffinity
                args:
                  addedAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions: [{key: pool, operator: In, values: [batch]}]
            """, "added.yaml", InTreePlugins.CreateRegistry());
        await using var scheduler = RunningScheduler.Start(fixture, configuration.ApplyTo(new SchedulerOptions()));

        for (var i = 0; i < 4; i++)
        {
            await Client.CreateAsync(ns, Make.Pod($"job-{i}", cpu: "500m", memory: "256Mi", schedulerName: "batch-only"));
            Assert.Equal("added-batch", await Client.BoundNodeAsync(ns, $"job-{i}"));
        }
        var picky = Make.Pod("web-only", schedulerName: "batch-only");
        picky.Spec.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "added-web" };
        await Client.CreateAsync(ns, picky);
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "web-only"))?.Message ==
            "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't match scheduler-enforced node affinity. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
            "both reasons are reported");
    }
}
