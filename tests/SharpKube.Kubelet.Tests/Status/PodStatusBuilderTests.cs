using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Pods;
using SharpKube.Kubelet.Status;
using static SharpKube.Kubelet.Tests.Status.CriContainers;
using static SharpKube.Kubelet.Tests.Status.StatusPods;

namespace SharpKube.Kubelet.Tests.Status;

public sealed class PodStatusBuilderTests
{
    private const string NodeIp = "192.168.5.20";

    private static readonly DateTime Now = new(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, ContainerWaiting> NoWaiting = [];

    [Fact]
    public void Build_BeforeTheSandboxExists_IsPendingWithNoPodIpAndContainersCreating()
    {
        var status = Build(Pod("Always", "a"), Runtime());

        Assert.Equal("Pending", status.Phase);
        Assert.Null(status.PodIP);
        Assert.Null(status.PodIPs);
        Assert.Equal(NodeIp, status.HostIP);
        Assert.Equal(NodeIp, Assert.Single(status.HostIPs).Ip);
        Assert.Equal(Now, status.StartTime);
        Assert.Equal("BestEffort", status.QosClass);
        Assert.Equal("ContainerCreating", Assert.Single(status.ContainerStatuses).State.Waiting.Reason);
        Assert.Null(status.InitContainerStatuses);
        AssertCondition(status, "PodReadyToStartContainers", "False", null, null);
        AssertCondition(status, "Initialized", "True", null, null);
        AssertCondition(status, "ContainersReady", "False", "ContainersNotReady", "containers with unready status: [a]");
        AssertCondition(status, "Ready", "False", "ContainersNotReady", "containers with unready status: [a]");
    }

    [Fact]
    public void Build_AllRunningAndReady_IsRunningAndReadyWithTheSandboxIps()
    {
        var runtime = Runtime([PodSandbox("10.42.0.7", PodSandboxState.SandboxReady, "fd00::7")], Running("a"), Running("b"));
        var status = Build(Pod("Always", "a", "b"), runtime);

        Assert.Equal("Running", status.Phase);
        Assert.Equal("10.42.0.7", status.PodIP);
        Assert.Equal(["10.42.0.7", "fd00::7"], status.PodIPs.Select(ip => ip.Ip));
        AssertCondition(status, "PodReadyToStartContainers", "True", null, null);
        AssertCondition(status, "Initialized", "True", null, null);
        AssertCondition(status, "ContainersReady", "True", null, null);
        AssertCondition(status, "Ready", "True", null, null);
        Assert.All(status.ContainerStatuses, s => Assert.True(s.Ready));
    }

    [Fact]
    public void Build_OneContainerNotReady_NamesItInTheReadyConditions()
    {
        var runtime = Runtime([PodSandbox("10.42.0.7")], Running("a"), Running("b"));
        var status = Build(Pod("Always", "a", "b"), runtime, readiness: (c, _) => (c.Name != "b", true));

        Assert.Equal("Running", status.Phase);
        AssertCondition(status, "ContainersReady", "False", "ContainersNotReady", "containers with unready status: [b]");
        AssertCondition(status, "Ready", "False", "ContainersNotReady", "containers with unready status: [b]");
    }

    [Fact]
    public void Build_SandboxNotReady_HasNoPodIpAndIsNotReadyToStartContainers()
    {
        var status = Build(Pod("Always", "a"), Runtime([PodSandbox("10.42.0.7", PodSandboxState.SandboxNotready)]));

        Assert.Null(status.PodIP);
        AssertCondition(status, "PodReadyToStartContainers", "False", null, null);
    }

    [Fact]
    public void Build_HostNetwork_UsesTheNodeIpAsPodIp()
    {
        var pod = Pod("Always", "a");
        pod.Spec.HostNetwork = true;
        var status = Build(pod, Runtime([PodSandbox("")], Running("a")));

        Assert.Equal(NodeIp, status.PodIP);
        Assert.Equal(NodeIp, Assert.Single(status.PodIPs).Ip);
        AssertCondition(status, "PodReadyToStartContainers", "True", null, null);
    }

    [Fact]
    public void Build_InitContainerRunning_IsNotInitializedAndAppContainersWaitForIt()
    {
        var pod = Pod("Always", "a").WithInit("setup", "migrate");
        var status = Build(pod, Runtime([PodSandbox("10.42.0.7")], Running("migrate"), Exited("setup", 0)));

        Assert.Equal("Pending", status.Phase);
        AssertCondition(status, "Initialized", "False", "ContainersNotInitialized", "containers with incomplete status: [migrate]");
        Assert.Equal("PodInitializing", Assert.Single(status.ContainerStatuses).State.Waiting.Reason);
        Assert.Equal(["setup", "migrate"], status.InitContainerStatuses.Select(s => s.Name));
        Assert.Equal(0, status.InitContainerStatuses[0].State.Terminated.ExitCode);
        Assert.NotNull(status.InitContainerStatuses[1].State.Running);
    }

    [Fact]
    public void Build_InitContainerFailedWithNeverRestart_IsFailed()
    {
        var pod = Pod("Never", "a").WithInit("setup");
        var status = Build(pod, Runtime([PodSandbox("10.42.0.7")], Exited("setup", 3)));

        Assert.Equal("Failed", status.Phase);
        Assert.Equal(3, Assert.Single(status.InitContainerStatuses).State.Terminated.ExitCode);
    }

    [Fact]
    public void Build_StartedSidecarAndRunningApp_IsInitializedAndNeedsTheSidecarReady()
    {
        var pod = Pod("Always", "a").WithInit("proxy+");
        var runtime = Runtime([PodSandbox("10.42.0.7")], Running("a"), Running("proxy"));
        var status = Build(pod, runtime, readiness: (c, _) => (c.Name != "proxy", true));

        Assert.Equal("Running", status.Phase);
        AssertCondition(status, "Initialized", "True", null, null);
        AssertCondition(status, "ContainersReady", "False", "ContainersNotReady", "containers with unready status: [proxy]");
    }

    [Fact]
    public void Build_UnreadySidecarAndApp_ListsTheSidecarFirst()
    {
        var pod = Pod("Always", "a").WithInit("proxy+");
        var status = Build(pod, Runtime([PodSandbox("10.42.0.7")], Running("a"), Running("proxy")), readiness: (_, _) => (false, true));

        AssertCondition(status, "ContainersReady", "False", "ContainersNotReady", "containers with unready status: [proxy a]");
    }

    [Fact]
    public void Build_SidecarNotStarted_IsNotInitializedNamingTheSidecar()
    {
        var pod = Pod("Always", "a").WithInit("proxy+");
        var status = Build(pod, Runtime([PodSandbox("10.42.0.7")], Running("proxy")), readiness: (_, _) => (false, false));

        AssertCondition(status, "Initialized", "False", "ContainersNotInitialized", "containers with incomplete status: [proxy]");
    }

    [Fact]
    public void Build_SidecarRestartingAfterAppsStarted_StaysInitialized()
    {
        var pod = Pod("Always", "a").WithInit("proxy+");
        var runtime = Runtime([PodSandbox("10.42.0.7")], Running("a"), Exited("proxy", 1, attempt: 0));
        var waiting = new Dictionary<string, ContainerWaiting> { ["proxy"] = new("CrashLoopBackOff") };
        var status = PodStatusBuilder.Build(pod, runtime, waiting, (_, _) => (true, true), NodeIp, "BestEffort", Now);

        Assert.Equal("Running", status.Phase);
        AssertCondition(status, "Initialized", "True", null, null);
    }

    [Fact]
    public void Build_AllSucceeded_IsSucceededAndNotReadyWithPodCompleted()
    {
        var status = Build(Pod("Never", "a", "b"), Runtime([PodSandbox("10.42.0.7")], Exited("a", 0), Exited("b", 0)));

        Assert.Equal("Succeeded", status.Phase);
        AssertCondition(status, "ContainersReady", "False", "PodCompleted", null);
        AssertCondition(status, "Ready", "False", "PodCompleted", null);
    }

    [Fact]
    public void Build_AllSucceeded_IsInitializedWithPodCompleted()
    {
        var status = Build(Pod("Never", "a"), Runtime([PodSandbox("10.42.0.7")], Exited("a", 0)));

        AssertCondition(status, "Initialized", "True", "PodCompleted", null);
    }

    [Fact]
    public void Build_Failed_IsNotReadyWithPodFailed()
    {
        var status = Build(Pod("Never", "a"), Runtime([PodSandbox("10.42.0.7")], Exited("a", 1)));

        Assert.Equal("Failed", status.Phase);
        AssertCondition(status, "ContainersReady", "False", "PodFailed", null);
        AssertCondition(status, "Ready", "False", "PodFailed", null);
    }

    [Fact]
    public void Build_ReadinessGateWithoutItsCondition_IsNotReady()
    {
        var pod = Pod("Always", "a");
        pod.Spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = "example.com/lb" }];
        var status = Build(pod, Runtime([PodSandbox("10.42.0.7")], Running("a")));

        AssertCondition(status, "ContainersReady", "True", null, null);
        AssertCondition(status, "Ready", "False", "ReadinessGatesNotReady", "corresponding condition of pod readiness gate \"example.com/lb\" does not exist.");
    }

    [Fact]
    public void Build_ConditionUnchanged_KeepsItsLastTransitionTime()
    {
        var pod = Pod("Always", "a");
        var runtime = Runtime([PodSandbox("10.42.0.7")], Running("a"));
        var earlier = Now.AddMinutes(-5);
        pod.Status = PodStatusBuilder.Build(pod, runtime, NoWaiting, (_, _) => (false, true), NodeIp, "BestEffort", earlier);

        var status = PodStatusBuilder.Build(pod, runtime, NoWaiting, (_, _) => (true, true), NodeIp, "BestEffort", Now);

        Assert.Equal(earlier, Condition(status, "PodReadyToStartContainers").LastTransitionTime);
        Assert.Equal(earlier, Condition(status, "Initialized").LastTransitionTime);
        Assert.Equal(Now, Condition(status, "Ready").LastTransitionTime);
        Assert.Equal(Now, Condition(status, "ContainersReady").LastTransitionTime);
        Assert.Equal(earlier, status.StartTime);
    }

    [Fact]
    public void Build_WithSchedulerConditions_KeepsThem()
    {
        var pod = Pod("Always", "a");
        var scheduled = new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Now.AddHours(-1) };
        var custom = new V1PodCondition { Type = "example.com/lb", Status = "False" };
        pod.Status = new V1PodStatus { Conditions = [scheduled, custom, new V1PodCondition { Type = "Ready", Status = "True" }] };

        var status = Build(pod, Runtime());

        Assert.Same(scheduled, Condition(status, "PodScheduled"));
        Assert.Same(custom, Condition(status, "example.com/lb"));
        Assert.Single(status.Conditions, c => c.Type == "Ready");
        Assert.Equal(6, status.Conditions.Count);
    }

    [Theory]
    [InlineData("Succeeded")]
    [InlineData("Failed")]
    public void Build_OnceTerminal_KeepsThePhase(string terminal)
    {
        var pod = Pod("Always", "a");
        pod.Status = new V1PodStatus { Phase = terminal };

        var status = Build(pod, Runtime([PodSandbox("10.42.0.7")], Running("a")));

        Assert.Equal(terminal, status.Phase);
    }

    [Fact]
    public void Build_WithAQosClassInTheStatus_KeepsIt()
    {
        var pod = Pod("Always", "a");
        pod.Status = new V1PodStatus { QosClass = "Guaranteed" };

        Assert.Equal("Guaranteed", Build(pod, Runtime()).QosClass);
    }

    [Fact]
    public void Build_CrashLoopingContainer_ReportsRestartsAndTheLastExit()
    {
        var runtime = Runtime([PodSandbox("10.42.0.7")], Exited("a", 1, attempt: 4), Exited("a", 1, attempt: 3));
        var waiting = new Dictionary<string, ContainerWaiting> { ["a"] = new("CrashLoopBackOff", "back-off 2m40s restarting failed container=a") };
        var status = PodStatusBuilder.Build(Pod("Always", "a"), runtime, waiting, (_, _) => (true, true), NodeIp, "BestEffort", Now);

        var container = Assert.Single(status.ContainerStatuses);
        Assert.Equal("Running", status.Phase);
        Assert.Equal(4, container.RestartCount);
        Assert.Equal("CrashLoopBackOff", container.State.Waiting.Reason);
        Assert.Equal("containerd://a-4", container.LastState.Terminated.ContainerID);
    }

    private static V1PodStatus Build(V1Pod pod, RuntimePod runtime, Func<V1Container, ContainerStatus, (bool, bool)>? readiness = null) =>
        PodStatusBuilder.Build(pod, runtime, NoWaiting, readiness ?? ((_, _) => (true, true)), NodeIp, "BestEffort", Now);

    private static RuntimePod Runtime(PodSandboxStatus[]? sandboxes = null, params ContainerStatus[] containers) =>
        new("0a1b2c3d-0000-4000-8000-00000000000a", sandboxes ?? [], containers,
            containers.ToDictionary(c => c.Id, _ => "sandbox-1"));

    private static V1PodCondition Condition(V1PodStatus status, string type) => Assert.Single(status.Conditions, c => c.Type == type);

    private static void AssertCondition(V1PodStatus status, string type, string expected, string? reason, string? message)
    {
        var condition = Condition(status, type);
        Assert.Equal(expected, condition.Status);
        Assert.Equal(reason, condition.Reason);
        Assert.Equal(message, condition.Message);
    }
}
