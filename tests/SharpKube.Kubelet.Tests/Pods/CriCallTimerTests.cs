using k8s.Models;
using Prometheus;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Pods;
using SharpKube.Kubelet.Runtime;
using SharpKube.Kubelet.Tests.Containerd;

namespace SharpKube.Kubelet.Tests.Pods;

/// <summary>The CRI call timer on a real containerd: what it attributes to which pod, and the histogram it fills.</summary>
public sealed class CriCallTimerTests(ContainerdFixture containerd) : IClassFixture<ContainerdFixture>
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly PodStartupLog _log = new();

    [Fact]
    public async Task CallsUnderForPod_AreAddedToThatPod_AndNoOtherCallIs()
    {
        _log.Seen(PendingPod("uid-a"));
        _log.Seen(PendingPod("uid-b"));
        using var cri = Connect();
        var cancellationToken = TestContext.Current.CancellationToken;

        using (CriCallTimer.ForPod("uid-a"))
        {
            await cri.Runtime.VersionAsync(new VersionRequest(), cancellationToken: cancellationToken);
            await cri.Images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = "docker.io/library/busybox:1.35" } },
                cancellationToken: cancellationToken);
            // Work the sync starts (and awaits) belongs to the pod as well.
            await Task.Run(async () => await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest(), cancellationToken: cancellationToken), cancellationToken);
        }
        await cri.Runtime.ListContainersAsync(new ListContainersRequest(), cancellationToken: cancellationToken);
        using (CriCallTimer.ForPod("uid-not-seen"))
        {
            await cri.Runtime.StatusAsync(new StatusRequest(), cancellationToken: cancellationToken);
        }

        var a = _log.CriTimeOf("uid-a")!.Value;
        Assert.Equal(3, a.CriCalls);
        Assert.True(a.CriTime > TimeSpan.Zero);
        Assert.Equal((TimeSpan.Zero, 0), _log.CriTimeOf("uid-b"));
        Assert.Null(_log.CriTimeOf("uid-not-seen"));
    }

    [Fact]
    public async Task EveryCall_IsCountedInTheHistogram_UnderUpstreamsOperationType()
    {
        using var cri = Connect();
        var cancellationToken = TestContext.Current.CancellationToken;

        await cri.Runtime.VersionAsync(new VersionRequest(), cancellationToken: cancellationToken);
        await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest(), cancellationToken: cancellationToken);
        await cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest(), cancellationToken: cancellationToken);
        await cri.Images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = "docker.io/library/busybox:1.35" } },
            cancellationToken: cancellationToken);
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = "no-such-container" }, cancellationToken: cancellationToken));

        var text = await ExportAsync();
        Assert.Contains("kubelet_runtime_operations_duration_seconds_count{operation_type=\"version\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("kubelet_runtime_operations_duration_seconds_count{operation_type=\"list_podsandbox\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("kubelet_runtime_operations_duration_seconds_count{operation_type=\"image_status\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("kubelet_runtime_operations_total{operation_type=\"container_status\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("kubelet_runtime_operations_errors_total{operation_type=\"container_status\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kubelet_runtime_operations_errors_total{operation_type=\"version\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallsAfterTheRunningWrite_NoLongerCountTowardsTheStart()
    {
        _log.Seen(PendingPod("uid-a"));
        using var cri = Connect();
        var cancellationToken = TestContext.Current.CancellationToken;

        using (CriCallTimer.ForPod("uid-a"))
        {
            await cri.Runtime.VersionAsync(new VersionRequest(), cancellationToken: cancellationToken);
            _log.RunningWritten("uid-a");
            await cri.Runtime.VersionAsync(new VersionRequest(), cancellationToken: cancellationToken);
        }

        Assert.Equal(1, _log.CriTimeOf("uid-a")!.Value.CriCalls);
    }

    [Theory]
    [InlineData("RunPodSandbox", "run_podsandbox")]
    [InlineData("PodSandboxStatus", "podsandbox_status")]
    [InlineData("ListPodSandbox", "list_podsandbox")]
    [InlineData("CreateContainer", "create_container")]
    [InlineData("ImageFsInfo", "image_fs_info")]
    [InlineData("ExecSync", "exec_sync")]
    [InlineData("Status", "status")]
    public void OperationType_IsUpstreamsLabelForTheMethod(string method, string operationType) =>
        Assert.Equal(operationType, CriCallTimer.OperationType(method));

    private CriClient Connect() => CriClient.Connect(containerd.Containerd.Endpoint, callTimer: new CriCallTimer(_registry, _log.AddCriTime));

    private async Task<string> ExportAsync()
    {
        using var buffer = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(buffer, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static V1Pod PendingPod(string uid) => new()
    {
        Metadata = new V1ObjectMeta { Name = "pod-" + uid, NamespaceProperty = "default", Uid = uid },
        Status = new V1PodStatus { Phase = "Pending" },
    };
}
