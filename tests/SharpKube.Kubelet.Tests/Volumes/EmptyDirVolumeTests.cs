using System.Runtime.Versioning;
using k8s.Models;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

[UnsupportedOSPlatform("windows")]
public sealed class EmptyDirVolumeTests : IDisposable
{
    private readonly VolumeTestNode _node = new();

    public void Dispose() => _node.Dispose();

    private static string[] MountInfoLinesAt(string path) =>
        [.. File.ReadLines("/proc/self/mountinfo").Where(l => l.Split(' ')[4] == path)];

    [Fact]
    public async Task SetUp_OnDisk_CreatesAWorldWritableDirectory()
    {
        await _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }),
            TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "empty-dir", "scratch");
        Assert.True(Directory.Exists(dir));
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(dir));
        Assert.Empty(MountInfoLinesAt(dir));
    }

    [Fact]
    public async Task SetUp_InMemoryTwice_MountsOneTmpfsOfTheSizeLimit()
    {
        var volumes = _node.Volumes();
        var pod = VolumeTestNode.Pod("u1", new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new ResourceQuantity("8Mi") } });
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "empty-dir", "cache");
        var line = Assert.Single(MountInfoLinesAt(dir));
        Assert.Contains(" - tmpfs tmpfs ", line, StringComparison.Ordinal);
        Assert.Contains("size=8192k", line, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(dir, "f"), "in memory", TestContext.Current.CancellationToken);
    }

    [Fact]
    public void MemorySize_IsTheSmallestOfAllocatablePodLimitAndSizeLimit()
    {
        var pod = VolumeTestNode.Pod("u1");
        var allocatable = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") };
        var source = new V1EmptyDirVolumeSource { Medium = "Memory" };
        Assert.Equal(1L << 30, EmptyDirVolume.MemorySize(source, pod, allocatable));

        pod.Spec.Containers[0].Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") } };
        Assert.Equal(256L << 20, EmptyDirVolume.MemorySize(source, pod, allocatable));

        source.SizeLimit = new ResourceQuantity("16Mi");
        Assert.Equal(16L << 20, EmptyDirVolume.MemorySize(source, pod, allocatable));

        source.SizeLimit = new ResourceQuantity("2Gi");
        Assert.Equal(256L << 20, EmptyDirVolume.MemorySize(source, pod, allocatable));
    }

    [Fact]
    public async Task TearDown_UnmountsTheTmpfsAndRemovesThePodDirectory()
    {
        var volumes = _node.Volumes();
        await volumes.SetUpAsync(VolumeTestNode.Pod("u1", new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory" } }),
            TestContext.Current.CancellationToken);
        var dir = _node.VolumeDirectory("u1", "empty-dir", "cache");
        Assert.Single(MountInfoLinesAt(dir));

        await volumes.TearDownAsync("u1", TestContext.Current.CancellationToken);

        Assert.Empty(MountInfoLinesAt(dir));
        Assert.False(Path.Exists(Path.Combine(_node.PodsDirectory, "u1")));
    }

    [Fact]
    public async Task SetUp_InMemoryUnderASymlinkedPodsDirectory_MountsOnceAndTearsDown()
    {
        Directory.CreateDirectory(_node.PodsDirectory);
        var linked = Path.Combine(_node.Root, "linked-pods");
        File.CreateSymbolicLink(linked, _node.PodsDirectory);
        var volumes = _node.Volumes(linked);
        var pod = VolumeTestNode.Pod("u1", new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory" } });
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "empty-dir", "cache");
        Assert.Single(MountInfoLinesAt(dir));
        await volumes.TearDownAsync("u1", TestContext.Current.CancellationToken);
        Assert.Empty(MountInfoLinesAt(dir));
        Assert.False(Path.Exists(Path.Combine(_node.PodsDirectory, "u1")));
    }

    [Fact]
    public async Task SetUp_WithHugePages_SaysTheMediumIsNotSupported()
    {
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => _node.Volumes().SetUpAsync(
            VolumeTestNode.Pod("u1", new V1Volume { Name = "huge", EmptyDir = new V1EmptyDirVolumeSource { Medium = "HugePages" } }),
            TestContext.Current.CancellationToken));
        Assert.Equal("emptyDir medium \"HugePages\" is not supported", e.Message);
    }
}
