using k8s;
using SharpKube.Scheduler.Configuration;
using SharpKube.Scheduler.Hosting;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>A configuration file with two profiles: each schedules the pods that name it, its own way.</summary>
public sealed class ProfilesTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string TwoProfiles = """
        apiVersion: kubescheduler.config.k8s.io/v1
        kind: KubeSchedulerConfiguration
        leaderElection:
          leaderElect: false
        profiles:
        - schedulerName: default-scheduler
        - schedulerName: bin-packing
          pluginConfig:
          - name: NodeResourcesFit
            args:
              scoringStrategy:
                type: MostAllocated
        """;

    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task TwoProfiles_ScheduleTheirOwnPods_BinPackingStacksThemWhileTheDefaultSpreads()
    {
        var ns = await fixture.NamespaceAsync("profiles");
        await using var a = await SchedulableNodes.CreateAsync(Client, "profiles-a", cpu: "4");
        await using var b = await SchedulableNodes.CreateAsync(Client, "profiles-b", cpu: "4");
        var configuration = SchedulerConfigurationParser.Parse(TwoProfiles, "profiles.yaml", InTreePlugins.CreateRegistry());
        await using var scheduler = RunningScheduler.Start(fixture, configuration.ApplyTo(new SchedulerOptions()));

        var packed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await Client.CreateAsync(ns, Make.Pod($"packed-{i}", cpu: "1", memory: "1Gi", schedulerName: "bin-packing"));
            packed.Add(await Client.BoundNodeAsync(ns, $"packed-{i}"));
        }
        var spread = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await Client.CreateAsync(ns, Make.Pod($"spread-{i}", cpu: "1", memory: "1Gi"));
            spread.Add(await Client.BoundNodeAsync(ns, $"spread-{i}"));
        }

        // MostAllocated puts each pod on the fullest node that fits; LeastAllocated on the emptiest one.
        Assert.Single(packed.Distinct());
        var other = packed[0] == "profiles-a" ? "profiles-b" : "profiles-a";
        Assert.Equal([other, other], spread);
        // The attempt is counted once the bind returns, which can be just after the client sees the pod bound.
        await Eventually.TrueAsync(() => scheduler.Metrics.Attempts("scheduled", "bin-packing") == 3
            && scheduler.Metrics.Attempts("scheduled", "default-scheduler") == 2, "3 bin-packing and 2 default-scheduler attempts are counted");
        await Eventually.TrueAsync(async () => (await Client.EventsAboutAsync(ns, "packed-0")).Any(e =>
            e.Reason == "Scheduled" && e.Source?.Component == "bin-packing"), "a Scheduled event from bin-packing");
    }
}
