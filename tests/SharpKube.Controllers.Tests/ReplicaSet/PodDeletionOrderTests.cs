using k8s.Models;
using SharpKube.Controllers.ReplicaSet;

namespace SharpKube.Controllers.Tests.ReplicaSet;

public sealed class PodDeletionOrderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Order_FollowsUpstreamsRules_OneAtATime()
    {
        var running = Pod("running-ready", node: "n1", phase: "Running", readySince: Now.AddHours(-5));
        var pods = new[]
        {
            running,
            Pod("unassigned", node: null, phase: "Pending"),
            Pod("pending", node: "n1", phase: "Pending"),
            Pod("unknown", node: "n1", phase: "Unknown"),
            Pod("running-not-ready", node: "n1", phase: "Running"),
            Pod("cheap", node: "n1", phase: "Running", readySince: Now.AddHours(-5), deletionCost: "-10"),
            Pod("ready-recently", node: "n1", phase: "Running", readySince: Now.AddSeconds(-10)),
        };

        var ordered = pods.Order(new PodDeletionOrder(pods, Now)).Select(p => p.Metadata.Name).ToList();

        Assert.Equal(["unassigned", "pending", "unknown", "running-not-ready", "cheap", "ready-recently", "running-ready"], ordered);
    }

    [Fact]
    public void Order_PrefersPodsDoubledUpOnANode_ThenRestarts_ThenNewer()
    {
        var crowded = Pod("crowded", node: "busy", phase: "Running");
        var alone = Pod("alone", node: "quiet", phase: "Running");
        var neighbour = Pod("neighbour", node: "busy", phase: "Running");
        Assert.True(new PodDeletionOrder([crowded, alone, neighbour], Now).Compare(crowded, alone) < 0);

        var restarted = Pod("restarted", node: "n", phase: "Running", restarts: 3);
        var steady = Pod("steady", node: "n", phase: "Running");
        Assert.True(new PodDeletionOrder([restarted, steady], Now).Compare(restarted, steady) < 0);

        var newer = Pod("newer", node: "n", phase: "Running", created: Now.AddMinutes(-1));
        var older = Pod("older", node: "n", phase: "Running", created: Now.AddDays(-3));
        Assert.True(new PodDeletionOrder([newer, older], Now).Compare(newer, older) < 0);
    }

    [Fact]
    public void PodsToDelete_TakesTheFirstInOrder()
    {
        var keep = Pod("keep", node: "n", phase: "Running", readySince: Now.AddHours(-1));
        var drop = Pod("drop", node: null, phase: "Pending");

        Assert.Equal("drop", Assert.Single(PodDeletionOrder.PodsToDelete([keep, drop], [keep, drop], 1, Now)).Metadata.Name);
    }

    private static V1Pod Pod(string name, string? node, string phase, DateTimeOffset? readySince = null, string? deletionCost = null,
        int restarts = 0, DateTimeOffset? created = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Uid = name,
            CreationTimestamp = (created ?? Now.AddHours(-10)).UtcDateTime,
            Annotations = deletionCost is null ? null : new Dictionary<string, string> { [PodDeletionOrder.DeletionCostAnnotation] = deletionCost },
        },
        Spec = new V1PodSpec { NodeName = node },
        Status = new V1PodStatus
        {
            Phase = phase,
            Conditions = readySince is { } since ? [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = since.UtcDateTime }] : null,
            ContainerStatuses = [new V1ContainerStatus { Name = "app", RestartCount = restarts }],
        },
    };
}
