using k8s;
using k8s.Models;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>Inter-pod affinity and anti-affinity as a user sees them on hollow nodes: where pods land, and the message when none fits.</summary>
public sealed class InterPodAffinityTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Zone = "topology.kubernetes.io/zone";
    private const string Hostname = "kubernetes.io/hostname";

    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task RequiredAntiAffinityOnHostname_SpreadsOnePodPerNode_AndTheSurplusPodGetsFailedScheduling()
    {
        var ns = await fixture.NamespaceAsync("ipa-spread");
        await using var fleet = await HollowCluster.StartAsync(fixture, "ipa-anti-", count: 3);
        await using var scheduler = RunningScheduler.Start(fixture);

        var nodes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await Client.CreateAsync(ns, WithRequiredAntiAffinity(Web($"web-{i}"), Term(Hostname, "app", "web")));
            nodes.Add(await Client.BoundNodeAsync(ns, $"web-{i}"));
        }
        Assert.Equal(3, nodes.Distinct().Count());

        await Client.CreateAsync(ns, WithRequiredAntiAffinity(Web("web-3"), Term(Hostname, "app", "web")));

        const string summary = "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.";
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "web-3")) is { Status: "False", Reason: "Unschedulable" } c
            && c.Message.StartsWith(summary, StringComparison.Ordinal), "web-3 is Unschedulable with the anti-affinity summary");
        await Eventually.TrueAsync(async () => (await Client.EventsAboutAsync(ns, "web-3")).Any(e =>
            e is { Type: "Warning", Reason: "FailedScheduling" } && e.Message.StartsWith(summary, StringComparison.Ordinal)),
            "a FailedScheduling event with the summary");
    }

    [Fact]
    public async Task APodWithRequiredAffinityToTheDatabase_WaitsForIt_ThenLandsInItsZone()
    {
        var ns = await fixture.NamespaceAsync("ipa-zone");
        // Four nodes over three zones: ipa-zone-0 and ipa-zone-3 are both in zone-a.
        await using var fleet = await HollowCluster.StartAsync(fixture, "ipa-zone-", count: 4);
        await using var scheduler = RunningScheduler.Start(fixture);

        await Client.CreateAsync(ns, WithRequiredAffinity(Web("web-0"), Term(Zone, "app", "db")));
        const string summary = "0/4 nodes are available: 4 node(s) didn't match pod affinity rules.";
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "web-0")) is { Status: "False", Reason: "Unschedulable" } c
            && c.Message.StartsWith(summary, StringComparison.Ordinal), "web-0 waits for a db pod");

        var db = Make.Pod("db", labels: new Dictionary<string, string> { ["app"] = "db" });
        db.Spec.NodeSelector = new Dictionary<string, string> { [Hostname] = "ipa-zone-3" };
        await Client.CreateAsync(ns, db);
        Assert.Equal("ipa-zone-3", await Client.BoundNodeAsync(ns, "db"));
        var dbZone = await ZoneOfAsync("ipa-zone-3");

        // The db pod's arrival brings web-0 back; more web pods follow it into the same zone.
        Assert.Equal(dbZone, await ZoneOfAsync(await Client.BoundNodeAsync(ns, "web-0")));
        for (var i = 1; i < 4; i++)
        {
            await Client.CreateAsync(ns, WithRequiredAffinity(Web($"web-{i}"), Term(Zone, "app", "db")));
            Assert.Equal(dbZone, await ZoneOfAsync(await Client.BoundNodeAsync(ns, $"web-{i}")));
        }
    }

    [Fact]
    public async Task PreferredAntiAffinityOnHostname_SpreadsPodsThatResourcesWouldPackOntoTheBigNode()
    {
        var ns = await fixture.NamespaceAsync("ipa-preferred");
        await using var big = await HollowCluster.StartAsync(fixture, "ipa-big-", count: 1, zones: 1, cpu: "32", memory: "64Gi");
        await using var small = await HollowCluster.StartAsync(fixture, "ipa-small-", count: 2, zones: 1, cpu: "4", memory: "8Gi");
        await using var scheduler = RunningScheduler.Start(fixture);

        // Without the preference, least-allocated scoring puts all three on ipa-big-0 (one pod there still leaves it the emptiest).
        await Client.CreateAsync(ns, Make.Pod("packed-0", cpu: "1", memory: "1Gi"));
        await Client.CreateAsync(ns, Make.Pod("packed-1", cpu: "1", memory: "1Gi"));
        Assert.Equal("ipa-big-0", await Client.BoundNodeAsync(ns, "packed-0"));
        Assert.Equal("ipa-big-0", await Client.BoundNodeAsync(ns, "packed-1"));

        var nodes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var pod = Make.Pod($"spread-{i}", cpu: "1", memory: "1Gi", labels: new Dictionary<string, string> { ["app"] = "spread" });
            pod.Spec.Affinity = new V1Affinity
            {
                PodAntiAffinity = new V1PodAntiAffinity
                {
                    PreferredDuringSchedulingIgnoredDuringExecution =
                    [
                        new V1WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = Term(Hostname, "app", "spread") },
                    ],
                },
            };
            await Client.CreateAsync(ns, pod);
            nodes.Add(await Client.BoundNodeAsync(ns, $"spread-{i}"));
        }

        Assert.Equal(3, nodes.Distinct().Count());
    }

    private static V1Pod Web(string name) => Make.Pod(name, labels: new Dictionary<string, string> { ["app"] = "web" });

    private static V1PodAffinityTerm Term(string topologyKey, string key, string value) => new()
    {
        TopologyKey = topologyKey,
        LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [key] = value } },
    };

    private static V1Pod WithRequiredAffinity(V1Pod pod, V1PodAffinityTerm term)
    {
        (pod.Spec.Affinity ??= new V1Affinity()).PodAffinity = new V1PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [term] };
        return pod;
    }

    private static V1Pod WithRequiredAntiAffinity(V1Pod pod, V1PodAffinityTerm term)
    {
        (pod.Spec.Affinity ??= new V1Affinity()).PodAntiAffinity = new V1PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [term] };
        return pod;
    }

    private async Task<string> ZoneOfAsync(string node) =>
        (await Client.CoreV1.ReadNodeAsync(node, cancellationToken: TestContext.Current.CancellationToken)).Metadata.Labels[Zone];
}
