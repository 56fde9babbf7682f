using k8s.Models;
using SharpKube.Kubelet.Node;

namespace SharpKube.Kubelet.Tests.Node;

public sealed class NodeConditionsTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void At_RuntimeReady_PostsNoPressureAndReadyWithUpstreamsWords()
    {
        var conditions = NodeConditions.At(Now, null, NodePressure.None, null);

        Assert.Equal(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"], conditions.Select(c => c.Type));
        AssertCondition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available");
        AssertCondition(conditions, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure");
        AssertCondition(conditions, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available");
        AssertCondition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status");
        Assert.All(conditions, c => Assert.Equal(Now, c.LastHeartbeatTime));
        Assert.All(conditions, c => Assert.Equal(Now, c.LastTransitionTime));
    }

    [Fact]
    public void At_UnderEveryPressure_PostsThemTrueWithUpstreamsWords_AndStaysReady()
    {
        var conditions = NodeConditions.At(Now, null, new NodePressure(Memory: true, Disk: true, Pid: true), null);

        AssertCondition(conditions, "MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available");
        AssertCondition(conditions, "DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure");
        AssertCondition(conditions, "PIDPressure", "True", "KubeletHasInsufficientPID", "kubelet has insufficient PID available");
        AssertCondition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status");
    }

    [Fact]
    public void At_RuntimeProblem_IsNotReadyWithTheProblemAsMessage()
    {
        const string problem = "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";

        var conditions = NodeConditions.At(Now, problem, NodePressure.None, null);

        AssertCondition(conditions, "Ready", "False", "KubeletNotReady", problem);
        AssertCondition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available");
    }

    [Fact]
    public void At_StatusUnchanged_KeepsTheTransitionTimeAndMovesTheHeartbeat()
    {
        var earlier = Now.AddMinutes(-30);
        var previous = NodeConditions.At(earlier, null, NodePressure.None, null);

        var conditions = NodeConditions.At(Now, null, NodePressure.None, previous);

        Assert.All(conditions, c => Assert.Equal(earlier, c.LastTransitionTime));
        Assert.All(conditions, c => Assert.Equal(Now, c.LastHeartbeatTime));
    }

    [Fact]
    public void At_ReadyChanged_MovesOnlyReadysTransitionTime()
    {
        var earlier = Now.AddMinutes(-30);
        var previous = NodeConditions.At(earlier, "container runtime is down: unavailable", NodePressure.None, null);

        var conditions = NodeConditions.At(Now, null, NodePressure.None, previous);

        Assert.Equal(Now, Single(conditions, "Ready").LastTransitionTime);
        Assert.Equal(earlier, Single(conditions, "DiskPressure").LastTransitionTime);
    }

    [Fact]
    public void At_NotReadyWithAnotherMessage_KeepsTheTransitionTime()
    {
        var earlier = Now.AddMinutes(-1);
        var previous = NodeConditions.At(earlier, "container runtime is down: one", NodePressure.None, null);

        var conditions = NodeConditions.At(Now, "container runtime is down: two", NodePressure.None, previous);

        Assert.Equal(earlier, Single(conditions, "Ready").LastTransitionTime);
        Assert.Equal("container runtime is down: two", Single(conditions, "Ready").Message);
    }

    [Fact]
    public void At_WithDuplicateOrUntypedCurrentConditions_StillPostsFour()
    {
        V1NodeCondition[] current =
        [
            new() { Type = "Ready", Status = "True", LastTransitionTime = Now.AddDays(-1) },
            new() { Type = "Ready", Status = "False", LastTransitionTime = Now.AddDays(-2) },
            new() { Status = "True" },
        ];

        var conditions = NodeConditions.At(Now, null, NodePressure.None, current);

        Assert.Equal(4, conditions.Count);
        Assert.Equal(Now.AddDays(-1), Single(conditions, "Ready").LastTransitionTime);
    }

    private static V1NodeCondition Single(List<V1NodeCondition> conditions, string type) => Assert.Single(conditions, c => c.Type == type);

    private static void AssertCondition(List<V1NodeCondition> conditions, string type, string status, string reason, string message)
    {
        var condition = Single(conditions, type);
        Assert.Equal(status, condition.Status);
        Assert.Equal(reason, condition.Reason);
        Assert.Equal(message, condition.Message);
    }
}
