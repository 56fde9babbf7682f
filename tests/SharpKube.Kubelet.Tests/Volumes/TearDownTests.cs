using System.Runtime.Versioning;
using k8s.Models;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

[UnsupportedOSPlatform("windows")]
public sealed class TearDownTests : IDisposable
{
    private readonly VolumeTestNode _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task TearDown_RemovesThePodDirectoryButNeverWhatSymlinksOrHostPathsPointAt()
    {
        var volumes = _node.Volumes();
        var precious = Path.Combine(_node.HostDirectory, "precious.txt");
        await File.WriteAllTextAsync(precious, "keep me", TestContext.Current.CancellationToken);
        await volumes.SetUpAsync(VolumeTestNode.Pod("u1",
            new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = _node.HostDirectory, Type = "Directory" } }),
            TestContext.Current.CancellationToken);
        // What a container could leave behind in its emptyDir: links to the host's files and directories.
        var data = _node.VolumeDirectory("u1", "empty-dir", "data");
        File.CreateSymbolicLink(Path.Combine(data, "to-dir"), _node.HostDirectory);
        File.CreateSymbolicLink(Path.Combine(data, "to-file"), precious);

        await volumes.TearDownAsync("u1", TestContext.Current.CancellationToken);
        await volumes.TearDownAsync("u1", TestContext.Current.CancellationToken);

        Assert.False(Path.Exists(Path.Combine(_node.PodsDirectory, "u1")));
        Assert.Equal("keep me", await File.ReadAllTextAsync(precious, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PodUidsOnDisk_ListsThePodsWithADirectory()
    {
        var volumes = _node.Volumes();
        Assert.Empty(volumes.PodUidsOnDisk());
        await volumes.SetUpAsync(VolumeTestNode.Pod("b-uid"), TestContext.Current.CancellationToken);
        await volumes.SetUpAsync(VolumeTestNode.Pod("a-uid"), TestContext.Current.CancellationToken);

        Assert.Equal(["a-uid", "b-uid"], volumes.PodUidsOnDisk());
        await volumes.TearDownAsync("a-uid", TestContext.Current.CancellationToken);
        Assert.Equal(["b-uid"], volumes.PodUidsOnDisk());
    }

    [Fact]
    public async Task SetUp_WithAnUnsupportedVolume_NamesItsTypeAndStillSetsUpTheOthers()
    {
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1",
            new V1Volume { Name = "claim", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "c" } },
            new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }), TestContext.Current.CancellationToken));

        Assert.Equal("claim", e.VolumeName);
        Assert.Equal("volume type persistentVolumeClaim is not supported", e.Message);
        Assert.True(Directory.Exists(_node.VolumeDirectory("u1", "empty-dir", "data")));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task TearDown_WithAUidThatIsNotOnePathElement_Refuses(string uid)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _node.Volumes().TearDownAsync(uid, TestContext.Current.CancellationToken));
        Assert.True(Directory.Exists(_node.HostDirectory));
    }
}
