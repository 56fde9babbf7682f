using System.Runtime.Versioning;
using k8s.Models;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

[UnsupportedOSPlatform("windows")]
public sealed class DownwardApiVolumeTests : IDisposable
{
    private readonly VolumeTestNode _node = new();

    public void Dispose() => _node.Dispose();

    private static V1Pod PodWithInfo()
    {
        var pod = VolumeTestNode.Pod("u1", new V1Volume
        {
            Name = "info",
            DownwardAPI = new V1DownwardAPIVolumeSource
            {
                Items =
                [
                    new() { Path = "labels", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels" } },
                    new() { Path = "meta/name", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" }, Mode = 0x100 },
                    new() { Path = "mem_limit", ResourceFieldRef = new V1ResourceFieldSelector { ContainerName = "app", Resource = "limits.memory", Divisor = new ResourceQuantity("1Mi") } },
                ],
            },
        });
        pod.Spec.Containers[0].Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi") } };
        return pod;
    }

    [Fact]
    public async Task SetUp_WritesPodFieldsAndContainerResourcesAsTheDownwardApiFormatsThem()
    {
        await _node.Volumes().SetUpAsync(PodWithInfo(), TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "downward-api", "info");
        Assert.Equal("app=\"web\"", File.ReadAllText(Path.Combine(dir, "labels")));
        Assert.Equal("web", File.ReadAllText(Path.Combine(dir, "meta/name")));
        Assert.Equal("64", File.ReadAllText(Path.Combine(dir, "mem_limit")));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(dir, "..data/meta/name")));
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(Path.Combine(dir, "..data/labels")));
    }

    [Fact]
    public async Task SetUp_AfterTheLabelsChanged_RefreshesTheLabelsFile()
    {
        var volumes = _node.Volumes();
        var pod = PodWithInfo();
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);
        pod.Metadata.Labels["tier"] = "front";
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);

        Assert.Equal("app=\"web\"\ntier=\"front\"", File.ReadAllText(Path.Combine(_node.VolumeDirectory("u1", "downward-api", "info"), "labels")));
    }

    [Fact]
    public async Task SetUp_WithAResourceOfAnUnknownContainer_FailsTheVolume()
    {
        var pod = PodWithInfo();
        pod.Spec.Volumes[0].DownwardAPI.Items[2].ResourceFieldRef.ContainerName = "ghost";
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => _node.Volumes().SetUpAsync(pod, TestContext.Current.CancellationToken));
        Assert.Equal("container ghost not found", e.Message);
    }
}
