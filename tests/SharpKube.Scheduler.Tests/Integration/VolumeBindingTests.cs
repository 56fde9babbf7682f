using k8s;
using k8s.Models;
using SharpKube.Scheduler.Configuration;
using SharpKube.Scheduler.Hosting;
using SharpKube.Scheduler.Plugins;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Integration;

/// <summary>Pods with PersistentVolumeClaims as a user sees them: where they land, why they wait, and the bindings the scheduler writes.</summary>
public sealed class VolumeBindingTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task APodWithAMissingClaim_Waits_ThenBindsAStaticVolumeOnTheOnlyNodeItIsReachableFrom()
    {
        var ns = await fixture.NamespaceAsync("vb-static");
        await using var a = await SchedulableNodes.CreateAsync(Client, "vb-static-a");
        await using var b = await SchedulableNodes.CreateAsync(Client, "vb-static-b");
        await CreateClassAsync("vb-local", "WaitForFirstConsumer");
        await CreateVolumeAsync("vb-static-pv", "vb-local", "10Gi", onNode: "vb-static-b");
        await using var scheduler = RunningScheduler.Start(fixture);

        await Client.CreateAsync(ns, WithClaim(Make.Pod("db"), "data"));
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "db"))?.Message?.Contains("persistentvolumeclaim \"data\" not found") == true,
            "PodScheduled says the claim is missing");

        // The claim's creation is an event VolumeBinding registered: the pod comes back at once.
        await CreateClaimAsync(ns, "data", "vb-local", "5Gi");

        Assert.Equal("vb-static-b", await Client.BoundNodeAsync(ns, "db"));
        var claim = await Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", ns, cancellationToken: Ct);
        Assert.Equal("vb-static-pv", claim.Spec.VolumeName);
        Assert.Equal("yes", claim.Metadata.Annotations["pv.kubernetes.io/bind-completed"]);
        Assert.Equal("Bound", claim.Status.Phase);
        var volume = await Client.CoreV1.ReadPersistentVolumeAsync("vb-static-pv", cancellationToken: Ct);
        Assert.Equal(("data", ns, claim.Metadata.Uid), (volume.Spec.ClaimRef.Name, volume.Spec.ClaimRef.NamespaceProperty, volume.Spec.ClaimRef.Uid));
        Assert.Equal("Bound", volume.Status.Phase);
    }

    [Fact]
    public async Task AnUnboundImmediateClaim_LeavesThePodUnschedulable_WhileOtherPodsSchedule()
    {
        var ns = await fixture.NamespaceAsync("vb-immediate");
        await using var node = await SchedulableNodes.CreateAsync(Client, "vb-imm");
        await CreateClassAsync("vb-fast", "Immediate");
        await CreateClaimAsync(ns, "claim", "vb-fast", "1Gi");
        await using var scheduler = RunningScheduler.Start(fixture);

        await Client.CreateAsync(ns, WithClaim(Make.Pod("waits"), "claim"));
        await Client.CreateAsync(ns, Make.Pod("plain"));

        Assert.Equal("vb-imm", await Client.BoundNodeAsync(ns, "plain"));
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "waits")) is { Status: "False", Reason: "Unschedulable" } c
            && c.Message == "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", "PodScheduled names the unbound claim");
    }

    [Fact]
    public async Task ABoundClaim_PutsThePodOnANodeItsVolumeIsReachableFrom()
    {
        var ns = await fixture.NamespaceAsync("vb-bound");
        await using var a = await SchedulableNodes.CreateAsync(Client, "vb-bound-a");
        await using var b = await SchedulableNodes.CreateAsync(Client, "vb-bound-b");
        await CreateClassAsync("vb-bound-class", "WaitForFirstConsumer");
        await CreateVolumeAsync("vb-bound-pv", "vb-bound-class", "1Gi", onNode: "vb-bound-a", claimRef: (ns, "pre"));
        var claim = Claim(ns, "pre", "vb-bound-class", "1Gi");
        claim.Spec.VolumeName = "vb-bound-pv";
        claim.Metadata.Annotations = new Dictionary<string, string> { ["pv.kubernetes.io/bind-completed"] = "yes" };
        await Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(claim, ns, cancellationToken: Ct);
        await using var scheduler = RunningScheduler.Start(fixture);

        for (var i = 0; i < 3; i++)
        {
            await Client.CreateAsync(ns, WithClaim(Make.Pod($"reader-{i}"), "pre"));
            Assert.Equal("vb-bound-a", await Client.BoundNodeAsync(ns, $"reader-{i}"));
        }
    }

    [Fact]
    public async Task TwoClaimsAndOneVolume_OnePodBinds_TheOtherIsToldNoVolumeIsAvailable()
    {
        var ns = await fixture.NamespaceAsync("vb-scarce");
        await using var node = await SchedulableNodes.CreateAsync(Client, "vb-scarce-n");
        await CreateClassAsync("vb-scarce-class", "WaitForFirstConsumer");
        await CreateVolumeAsync("vb-scarce-pv", "vb-scarce-class", "1Gi", onNode: "vb-scarce-n");
        await CreateClaimAsync(ns, "first", "vb-scarce-class", "1Gi");
        await CreateClaimAsync(ns, "second", "vb-scarce-class", "1Gi");
        await using var scheduler = RunningScheduler.Start(fixture);

        await Client.CreateAsync(ns, WithClaim(Make.Pod("one"), "first"));
        await Client.CreateAsync(ns, WithClaim(Make.Pod("two"), "second"));

        const string message = "0/1 nodes are available: 1 node(s) didn't find available persistent volumes to bind. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
        await Eventually.TrueAsync(async () =>
        {
            var conditions = new[] { await Client.ScheduledConditionAsync(ns, "one"), await Client.ScheduledConditionAsync(ns, "two") };
            return conditions.Count(c => c?.Status == "True") == 1 && conditions.Count(c => c is { Status: "False" } && c.Message == message) == 1;
        }, "one pod scheduled and the other told there is no volume");
        var volume = await Client.CoreV1.ReadPersistentVolumeAsync("vb-scarce-pv", cancellationToken: Ct);
        var winner = (await Client.NodeOfAsync(ns, "one")).Length > 0 ? "first" : "second";
        Assert.Equal(winner, volume.Spec.ClaimRef.Name);
    }

    [Fact]
    public async Task AProfileWithoutVolumeBinding_SchedulesAPodWhoseClaimIsMissing_AndOnlyTheOtherProfileWaits()
    {
        var ns = await fixture.NamespaceAsync("vb-disabled");
        await using var node = await SchedulableNodes.CreateAsync(Client, "vb-disabled-n");
        var configuration = SchedulerConfigurationParser.Parse("""
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            leaderElection:
              leaderElect: false
            profiles:
            - schedulerName: default-scheduler
            - schedulerName: no-volumes
              plugins:
                multiPoint:
                  disabled: [{name: VolumeBinding}]
            """, "profiles.yaml", InTreePlugins.CreateRegistry());
        await using var scheduler = RunningScheduler.Start(fixture, configuration.ApplyTo(new SchedulerOptions()));

        await Client.CreateAsync(ns, WithClaim(Make.Pod("careless", schedulerName: "no-volumes"), "missing"));
        await Client.CreateAsync(ns, WithClaim(Make.Pod("careful"), "missing"));

        Assert.Equal("vb-disabled-n", await Client.BoundNodeAsync(ns, "careless"));
        await Eventually.TrueAsync(async () => (await Client.ScheduledConditionAsync(ns, "careful"))?.Message ==
            "0/1 nodes are available: persistentvolumeclaim \"missing\" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", "the default profile still checks the claim");
    }

    private static V1Pod WithClaim(V1Pod pod, string claim)
    {
        pod.Spec.Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } }];
        return pod;
    }

    private static V1PersistentVolumeClaim Claim(string ns, string name, string className, string size) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = className,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
        },
    };

    private Task CreateClaimAsync(string ns, string name, string className, string size) =>
        Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim(ns, name, className, size), ns, cancellationToken: Ct);

    private Task CreateClassAsync(string name, string bindingMode) =>
        Client.StorageV1.CreateStorageClassAsync(new V1StorageClass
        {
            Metadata = new V1ObjectMeta { Name = name },
            Provisioner = "kubernetes.io/no-provisioner",
            VolumeBindingMode = bindingMode,
        }, cancellationToken: Ct);

    private Task CreateVolumeAsync(string name, string className, string size, string onNode, (string Ns, string Name)? claimRef = null) =>
        Client.CoreV1.CreatePersistentVolumeAsync(new V1PersistentVolume
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) },
                AccessModes = ["ReadWriteOnce"],
                StorageClassName = className,
                Local = new V1LocalVolumeSource { Path = "/mnt/" + name },
                ClaimRef = claimRef is { } r ? new V1ObjectReference { NamespaceProperty = r.Ns, Name = r.Name } : null,
                NodeAffinity = new V1VolumeNodeAffinity
                {
                    Required = new V1NodeSelector
                    {
                        NodeSelectorTerms =
                        [
                            new V1NodeSelectorTerm
                            {
                                MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = [onNode] }],
                            },
                        ],
                    },
                },
            },
        }, cancellationToken: Ct);
}
