using System.Net.Sockets;
using System.Runtime.Versioning;
using k8s.Models;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

[UnsupportedOSPlatform("windows")]
public sealed class HostPathVolumeTests : IDisposable
{
    private readonly VolumeTestNode _node = new();

    public void Dispose() => _node.Dispose();

    private Task<PodVolumeSet> SetUpAsync(string path, string? type) => _node.Volumes().SetUpAsync(
        VolumeTestNode.Pod("u1", new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = path, Type = type } }),
        TestContext.Current.CancellationToken);

    private async Task<string> FailureAsync(string path, string? type) =>
        (await Assert.ThrowsAsync<VolumeSetupException>(() => SetUpAsync(path, type))).Message;

    [Fact]
    public async Task SetUp_IsTheHostPathItself()
    {
        var set = await SetUpAsync(_node.HostDirectory, null);
        Assert.Equal(_node.HostDirectory, set.HostPathOf("host"));
    }

    [Fact]
    public async Task SetUp_DirectoryOrCreate_CreatesAMissingDirectoryWithMode0755()
    {
        var path = Path.Combine(_node.HostDirectory, "a", "b");
        await SetUpAsync(path, "DirectoryOrCreate");
        Assert.True(Directory.Exists(path));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task SetUp_FileOrCreate_CreatesAnEmptyFileWithMode0644ButNotItsParent()
    {
        var path = Path.Combine(_node.HostDirectory, "f");
        await SetUpAsync(path, "FileOrCreate");
        Assert.Equal(0, new FileInfo(path).Length);
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(path));

        var orphan = Path.Combine(_node.HostDirectory, "no-such-dir", "f");
        Assert.Equal($"open {orphan}: no such file or directory", await FailureAsync(orphan, "FileOrCreate"));
    }

    [Fact]
    public async Task SetUp_WithTheWrongKindOfPath_FailsTheTypeCheck()
    {
        var file = Path.Combine(_node.HostDirectory, "plain");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);
        var missing = Path.Combine(_node.HostDirectory, "missing");

        Assert.Equal($"hostPath type check failed: {file} is not a directory", await FailureAsync(file, "Directory"));
        Assert.Equal($"hostPath type check failed: {file} is not a directory", await FailureAsync(file, "DirectoryOrCreate"));
        Assert.Equal($"hostPath type check failed: {missing} is not a directory", await FailureAsync(missing, "Directory"));
        Assert.Equal($"hostPath type check failed: {_node.HostDirectory} is not a file", await FailureAsync(_node.HostDirectory, "File"));
        Assert.Equal($"hostPath type check failed: {_node.HostDirectory} is not a file", await FailureAsync(_node.HostDirectory, "FileOrCreate"));
        Assert.Equal($"hostPath type check failed: {file} is not a socket file", await FailureAsync(file, "Socket"));
        Assert.Equal($"hostPath type check failed: {file} is not a character device", await FailureAsync(file, "CharDevice"));
        Assert.Equal("hostPath type check failed: /dev/null is not a block device", await FailureAsync("/dev/null", "BlockDevice"));
        Assert.Equal("Weird is an invalid volume type", await FailureAsync(file, "Weird"));
        Assert.False(Path.Exists(missing));
    }

    [Fact]
    public async Task SetUp_WithTheRightKindOfPath_PassesTheTypeCheck()
    {
        var file = Path.Combine(_node.HostDirectory, "plain");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);
        var socketPath = Path.Combine(_node.HostDirectory, "s.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        await SetUpAsync(_node.HostDirectory, "Directory");
        await SetUpAsync(file, "File");
        await SetUpAsync(socketPath, "Socket");
        await SetUpAsync("/dev/null", "CharDevice");
        var blockDevice = Directory.EnumerateFileSystemEntries("/dev").FirstOrDefault(p => LinuxFileSystem.KindOf(p, followSymlinks: false) == UnixFileKind.BlockDevice);
        Assert.NotNull(blockDevice);
        await SetUpAsync(blockDevice, "BlockDevice");
        await SetUpAsync(Path.Combine(_node.HostDirectory, "anything"), "");
        Assert.Equal("x", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }
}
