using System.Runtime.Versioning;
using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

[UnsupportedOSPlatform("windows")]
public sealed class MountsForTests : IDisposable
{
    private readonly VolumeTestNode _node = new();

    public void Dispose() => _node.Dispose();

    private async Task<PodVolumeSet> SetUpAsync()
    {
        _node.ConfigMaps["shop/cfg"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["app.conf"] = "x" } };
        return await _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1",
            new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "cfg" } },
            new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = _node.HostDirectory } }), TestContext.Current.CancellationToken);
    }

    private static V1Container Container(params V1VolumeMount[] mounts) => new() { Name = "app", VolumeMounts = [.. mounts] };

    private string Data => _node.VolumeDirectory("u1", "empty-dir", "data");

    [Fact]
    public async Task MountsFor_GivesEachVolumesHostPathWithConfigMapsAlwaysReadOnly()
    {
        var set = await SetUpAsync();
        var mounts = set.MountsFor(Container(
            new V1VolumeMount { Name = "data", MountPath = "/data" },
            new V1VolumeMount { Name = "config", MountPath = "/etc/app" },
            new V1VolumeMount { Name = "host", MountPath = "/host", ReadOnlyProperty = true, MountPropagation = "HostToContainer" }));

        Assert.Equal(
        [
            new Mount { ContainerPath = "/data", HostPath = Data, Readonly = false, Propagation = MountPropagation.PropagationPrivate },
            new Mount { ContainerPath = "/etc/app", HostPath = _node.VolumeDirectory("u1", "configmap", "config"), Readonly = true },
            new Mount { ContainerPath = "/host", HostPath = _node.HostDirectory, Readonly = true, Propagation = MountPropagation.PropagationHostToContainer },
        ], mounts);
    }

    [Fact]
    public async Task MountsFor_WithAMissingSubPath_CreatesItWithTheVolumesModeAndMountsIt()
    {
        var set = await SetUpAsync();
        var mount = Assert.Single(set.MountsFor(Container(new V1VolumeMount { Name = "data", MountPath = "/logs", SubPath = "logs/app" })));

        Assert.Equal(Data + "/logs/app", mount.HostPath);
        Assert.True(Directory.Exists(mount.HostPath));
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(Path.Combine(Data, "logs")));
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(mount.HostPath));
    }

    [Fact]
    public async Task MountsFor_WithASubPathOfAConfigMapKey_MountsThatFile()
    {
        var set = await SetUpAsync();
        var mount = Assert.Single(set.MountsFor(Container(new V1VolumeMount { Name = "config", MountPath = "/etc/app.conf", SubPath = "app.conf" })));

        Assert.Equal(_node.VolumeDirectory("u1", "configmap", "config") + "/app.conf", mount.HostPath);
        Assert.Equal("x", File.ReadAllText(mount.HostPath));
        Assert.True(mount.Readonly);
    }

    [Theory]
    [InlineData("/etc", "error SubPath `/etc` must not be an absolute path")]
    [InlineData("a/../../x", "unable to provision SubPath `a/../../x`: must not contain '..'")]
    [InlineData("..", "unable to provision SubPath `..`: must not contain '..'")]
    public async Task MountsFor_WithAnEscapingSubPath_Refuses(string subPath, string message)
    {
        var set = await SetUpAsync();
        var e = Assert.Throws<VolumeMountException>(() => set.MountsFor(Container(new V1VolumeMount { Name = "data", MountPath = "/d", SubPath = subPath })));
        Assert.Equal(message, e.Message);
        Assert.Equal("app", e.ContainerName);
    }

    [Fact]
    public async Task MountsFor_WithASubPathThroughASymlinkOutOfTheVolume_RefusesAndCreatesNothingOutside()
    {
        var set = await SetUpAsync();
        File.CreateSymbolicLink(Path.Combine(Data, "evil"), _node.HostDirectory);

        var e = Assert.Throws<VolumeMountException>(() => set.MountsFor(Container(new V1VolumeMount { Name = "data", MountPath = "/d", SubPath = "evil/new" })));
        Assert.Contains("outside the volume", e.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(_node.HostDirectory, "new")));
    }

    [Fact]
    public async Task MountsFor_WithASubPathExpr_ExpandsTheContainersVariables()
    {
        var set = await SetUpAsync();
        var env = new Dictionary<string, string> { ["POD_NAME"] = "web-0" };
        var mount = Assert.Single(set.MountsFor(Container(new V1VolumeMount { Name = "data", MountPath = "/d", SubPathExpr = "pods/$(POD_NAME)/$$x" }), env));
        Assert.Equal(Data + "/pods/web-0/$x", mount.HostPath);

        var e = Assert.Throws<VolumeMountException>(() =>
            set.MountsFor(Container(new V1VolumeMount { Name = "data", MountPath = "/d", SubPathExpr = "$(B)/$(A)/$(POD_NAME)" }), env));
        Assert.Equal("missing value for A, B", e.Message);
    }

    [Fact]
    public async Task MountsFor_WithBidirectionalPropagation_NeedsAPrivilegedContainer()
    {
        var set = await SetUpAsync();
        var container = Container(new V1VolumeMount { Name = "host", MountPath = "/h", MountPropagation = "Bidirectional" });
        var e = Assert.Throws<VolumeMountException>(() => set.MountsFor(container));
        Assert.Equal("Bidirectional mount propagation is available only to privileged containers", e.Message);

        container.SecurityContext = new V1SecurityContext { Privileged = true };
        Assert.Equal(MountPropagation.PropagationBidirectional, Assert.Single(set.MountsFor(container)).Propagation);
    }

    [Fact]
    public async Task MountsFor_AnUnknownVolume_SaysSo()
    {
        var set = await SetUpAsync();
        var e = Assert.Throws<VolumeMountException>(() => set.MountsFor(Container(new V1VolumeMount { Name = "nope", MountPath = "/n" })));
        Assert.Equal("cannot find volume \"nope\" to mount into container \"app\"", e.Message);
    }
}
