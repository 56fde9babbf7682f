using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Pods;
using static SharpKube.Kubelet.Tests.Status.CriContainers;

namespace SharpKube.Kubelet.Tests.Pods;

public sealed class RuntimePodTests
{
    [Fact]
    public void Latest_AndPrevious_AreTheNewestTwoInstancesOfThatContainer()
    {
        var pod = Pod([Running("app", 2), Exited("sidecar", 0, 0), Exited("app", 1, 1), Exited("app", 1, 0)]);

        Assert.Equal("app-2", pod.Latest("app")!.Id);
        Assert.Equal("app-1", pod.Previous("app")!.Id);
        Assert.Equal("sidecar-0", pod.Latest("sidecar")!.Id);
        Assert.Null(pod.Previous("sidecar"));
        Assert.Null(pod.Latest("other"));
    }

    [Fact]
    public void NextAttempt_IsOneMoreThanAnyInstanceSoFar()
    {
        var pod = Pod([Exited("app", 1, 4), Exited("app", 1, 7)]);

        Assert.Equal(8u, pod.NextAttempt("app"));
        Assert.Equal(0u, pod.NextAttempt("new"));
    }

    [Fact]
    public void LatestIn_OnlyLooksInThatSandbox()
    {
        var pod = new RuntimePod("uid", [PodSandbox("10.42.0.9"), PodSandbox("10.42.0.8")], [Running("app", 1), Exited("app", 0, 0)],
            new Dictionary<string, string> { ["app-1"] = "new-sandbox", ["app-0"] = "old-sandbox" });

        Assert.Equal("app-0", pod.LatestIn("app", "old-sandbox")!.Id);
        Assert.Equal("app-1", pod.LatestIn("app", "new-sandbox")!.Id);
        Assert.Null(pod.LatestIn("app", "gone"));
        Assert.Equal("old-sandbox", pod.SandboxOf("app-0"));
        Assert.Null(pod.SandboxOf("unknown"));
        Assert.Equal("10.42.0.9", pod.LatestSandbox!.Network.Ip);
    }

    [Fact]
    public void IsEmpty_AndAnyRunning_DescribeWhatIsLeft()
    {
        Assert.True(Pod([]).IsEmpty);
        Assert.False(Pod([]).AnyRunning);
        Assert.Null(Pod([]).LatestSandbox);
        Assert.False(Pod([Exited("app", 0)]).IsEmpty);
        Assert.False(Pod([Exited("app", 0)]).AnyRunning);
        Assert.True(Pod([Exited("app", 0, 0), Running("b")]).AnyRunning);
    }

    private static RuntimePod Pod(ContainerStatus[] containers) =>
        new("uid", [], containers, containers.ToDictionary(c => c.Id, _ => "sandbox-1"));
}
