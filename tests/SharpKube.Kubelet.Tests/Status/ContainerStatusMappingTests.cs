using k8s.Models;
using SharpKube.Kubelet.Status;
using static SharpKube.Kubelet.Tests.Status.CriContainers;

namespace SharpKube.Kubelet.Tests.Status;

public sealed class ContainerStatusMappingTests
{
    private static readonly V1Container App = new() { Name = "app", Image = "busybox:1.36" };

    private static readonly DateTime T0Utc = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Map_NeverCreated_IsWaitingContainerCreatingWithoutIds()
    {
        var status = ContainerStatusMapping.Map(App, null, null, null, ready: true, started: true);

        Assert.Equal("app", status.Name);
        Assert.Equal("busybox:1.36", status.Image);
        Assert.Equal("", status.ImageID);
        Assert.Null(status.ContainerID);
        Assert.Equal("ContainerCreating", status.State.Waiting.Reason);
        Assert.Equal(0, status.RestartCount);
        Assert.False(status.Ready);
        Assert.False(status.Started);
    }

    [Fact]
    public void Map_NeverCreatedWithAReason_ShowsTheReasonAndMessage()
    {
        var status = ContainerStatusMapping.Map(App, null, null, new ContainerWaiting("ErrImagePull", "pull failed"), false, false);

        Assert.Equal("ErrImagePull", status.State.Waiting.Reason);
        Assert.Equal("pull failed", status.State.Waiting.Message);
    }

    [Fact]
    public void Map_Running_ReportsIdsStartTimeAndReadiness()
    {
        var status = ContainerStatusMapping.Map(App, Running("app", attempt: 0, id: "c0ffee"), null, null, ready: true, started: true);

        Assert.Equal("containerd://c0ffee", status.ContainerID);
        Assert.Equal("docker.io/library/busybox@sha256:" + new string('a', 64), status.ImageID);
        Assert.Equal(T0Utc.AddSeconds(1), status.State.Running.StartedAt);
        Assert.Null(status.State.Waiting);
        Assert.Null(status.State.Terminated);
        Assert.True(status.Ready);
        Assert.True(status.Started);
        Assert.Null(status.LastState.Terminated);
    }

    [Fact]
    public void Map_RunningButNotReady_ReportsWhatTheProbesSay()
    {
        var status = ContainerStatusMapping.Map(App, Running("app"), null, null, ready: false, started: true);

        Assert.False(status.Ready);
        Assert.True(status.Started);
    }

    [Fact]
    public void Map_RunningAfterACrash_CountsRestartsFromTheAttemptAndKeepsTheLastTermination()
    {
        var previous = Exited("app", 2, attempt: 2, reason: "Error");
        var status = ContainerStatusMapping.Map(App, Running("app", attempt: 3), previous, null, true, true);

        Assert.Equal(3, status.RestartCount);
        Assert.NotNull(status.State.Running);
        var last = status.LastState.Terminated;
        Assert.Equal(2, last.ExitCode);
        Assert.Equal("Error", last.Reason);
        Assert.Equal("containerd://app-2", last.ContainerID);
        Assert.Equal(T0Utc.AddSeconds(201), last.StartedAt);
        Assert.Equal(T0Utc.AddSeconds(250), last.FinishedAt);
    }

    [Theory]
    [InlineData(0, "", "Completed")]
    [InlineData(1, "", "Error")]
    [InlineData(137, "OOMKilled", "OOMKilled")]
    [InlineData(0, "Completed", "Completed")]
    public void Map_Exited_IsTerminatedWithTheRuntimesReasonOrUpstreamsDefault(int exitCode, string criReason, string expected)
    {
        var status = ContainerStatusMapping.Map(App, Exited("app", exitCode, reason: criReason, id: "dead"), null, null, ready: true, started: true);

        var terminated = status.State.Terminated;
        Assert.Equal(exitCode, terminated.ExitCode);
        Assert.Equal(expected, terminated.Reason);
        Assert.Equal("containerd://dead", terminated.ContainerID);
        Assert.Equal(T0Utc.AddSeconds(1), terminated.StartedAt);
        Assert.Equal(T0Utc.AddSeconds(50), terminated.FinishedAt);
        Assert.False(status.Ready);
        Assert.False(status.Started);
        Assert.Null(status.LastState.Terminated);
    }

    [Fact]
    public void Map_ExitedWithAPreviousInstance_KeepsThatAsTheLastState()
    {
        var status = ContainerStatusMapping.Map(App, Exited("app", 1, attempt: 1), Exited("app", 3, attempt: 0), null, false, false);

        Assert.Equal(1, status.State.Terminated.ExitCode);
        Assert.Equal(3, status.LastState.Terminated.ExitCode);
        Assert.Equal(1, status.RestartCount);
    }

    [Fact]
    public void Map_ExitedAndHeldBack_IsWaitingWithTheExitAsLastState()
    {
        var waiting = new ContainerWaiting("CrashLoopBackOff", "back-off 10s restarting failed container=app pod=job_batch(uid)");
        var status = ContainerStatusMapping.Map(App, Exited("app", 1, attempt: 1, id: "second"), Exited("app", 1, attempt: 0), waiting, true, true);

        Assert.Equal("CrashLoopBackOff", status.State.Waiting.Reason);
        Assert.Equal(waiting.Message, status.State.Waiting.Message);
        Assert.Null(status.State.Terminated);
        Assert.Equal("containerd://second", status.LastState.Terminated.ContainerID);
        Assert.Equal(1, status.RestartCount);
        Assert.Equal("containerd://second", status.ContainerID);
        Assert.False(status.Ready);
    }

    [Fact]
    public void Map_CreatedNotStarted_IsWaitingContainerCreating()
    {
        var status = ContainerStatusMapping.Map(App, Created("app"), null, null, true, true);

        Assert.Equal("ContainerCreating", status.State.Waiting.Reason);
        Assert.Equal("containerd://app-0", status.ContainerID);
        Assert.False(status.Ready);
        Assert.False(status.Started);
    }

    [Fact]
    public void Map_WithoutImageId_ReportsTheImageRef()
    {
        var latest = Running("app");
        latest.ImageId = "";
        var status = ContainerStatusMapping.Map(App, latest, null, null, true, true);

        Assert.Equal(latest.ImageRef, status.ImageID);
    }

    [Fact]
    public void Map_WithBothImageIdAndImageRef_ReportsImageRefAsUpstream()
    {
        var latest = Running("app");
        latest.ImageId = "sha256:" + new string('b', 64);
        var status = ContainerStatusMapping.Map(App, latest, null, null, true, true);

        Assert.Equal(latest.ImageRef, status.ImageID);
    }
}
