using System.Runtime.Versioning;
using System.Text;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

[UnsupportedOSPlatform("windows")]
public sealed class ConfigMapVolumeTests : IDisposable
{
    private readonly VolumeTestNode _node = new();

    public void Dispose() => _node.Dispose();

    private static V1Volume ConfigVolume(string configMap = "cfg", IList<V1KeyToPath>? items = null, int? defaultMode = null, bool? optional = null) => new()
    {
        Name = "config",
        ConfigMap = new V1ConfigMapVolumeSource { Name = configMap, Items = items, DefaultMode = defaultMode, Optional = optional },
    };

    private void PutConfigMap(Dictionary<string, string> data, Dictionary<string, byte[]>? binaryData = null) =>
        _node.ConfigMaps["shop/cfg"] = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = data, BinaryData = binaryData };

    private static string[] TimestampDirectories(string directory) =>
        [.. new DirectoryInfo(directory).EnumerateDirectories("..*", new EnumerationOptions { AttributesToSkip = 0 })
            .Where(d => d.LinkTarget is null).Select(d => d.Name)];

    [Fact]
    public async Task SetUp_WithoutItems_WritesEveryDataAndBinaryDataKeyWithMode0644ThroughDataLink()
    {
        PutConfigMap(new() { ["app.conf"] = "port=80", [".hidden"] = "h" }, new() { ["logo.bin"] = [0, 1, 2, 255] });
        var set = await _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", ConfigVolume()), TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "configmap", "config");
        Assert.Equal(dir, set.HostPathOf("config"));
        Assert.Equal("port=80", File.ReadAllText(Path.Combine(dir, "app.conf")));
        Assert.Equal("h", File.ReadAllText(Path.Combine(dir, ".hidden")));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, File.ReadAllBytes(Path.Combine(dir, "logo.bin")));
        Assert.Equal("..data/app.conf", new FileInfo(Path.Combine(dir, "app.conf")).LinkTarget);
        var timestamped = Assert.Single(TimestampDirectories(dir));
        Assert.Matches(@"^\.\.\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}\.\d+$", timestamped);
        Assert.Equal(timestamped, new FileInfo(Path.Combine(dir, "..data")).LinkTarget);
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(Path.Combine(dir, timestamped, "app.conf")));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(dir, timestamped)));
        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(dir));
    }

    [Fact]
    public async Task SetUp_WithItems_WritesOnlyThoseKeysAtTheirPathsWithTheirModes()
    {
        PutConfigMap(new() { ["a"] = "A", ["b"] = "B", ["c"] = "C" });
        var items = new List<V1KeyToPath> { new() { Key = "a", Path = "conf/deep/a.txt" }, new() { Key = "b", Path = "b.txt", Mode = 0x180 } };
        await _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", ConfigVolume(items: items, defaultMode: 0x124)), TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "configmap", "config");
        Assert.Equal("A", File.ReadAllText(Path.Combine(dir, "conf/deep/a.txt")));
        Assert.Equal("B", File.ReadAllText(Path.Combine(dir, "b.txt")));
        Assert.False(Path.Exists(Path.Combine(dir, "c")));
        Assert.Equal("..data/conf", new DirectoryInfo(Path.Combine(dir, "conf")).LinkTarget);
        Assert.Equal((UnixFileMode)0x124, File.GetUnixFileMode(Path.Combine(dir, "..data/conf/deep/a.txt")));
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(Path.Combine(dir, "..data/b.txt")));
    }

    [Fact]
    public async Task SetUp_AfterTheConfigMapChanged_SwapsDataWhileAnOpenFileKeepsTheOldContent()
    {
        PutConfigMap(new() { ["greeting"] = "hello" });
        var volumes = _node.Volumes();
        var pod = VolumeTestNode.Pod("u1", ConfigVolume());
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);
        var dir = _node.VolumeDirectory("u1", "configmap", "config");
        var before = Assert.Single(TimestampDirectories(dir));

        using var oldHandle = File.OpenRead(Path.Combine(dir, "greeting"));
        PutConfigMap(new() { ["greeting"] = "bonjour", ["extra"] = "x" });
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);

        var after = Assert.Single(TimestampDirectories(dir));
        Assert.NotEqual(before, after);
        Assert.Equal(after, new FileInfo(Path.Combine(dir, "..data")).LinkTarget);
        Assert.Equal("bonjour", File.ReadAllText(Path.Combine(dir, "greeting")));
        Assert.Equal("x", File.ReadAllText(Path.Combine(dir, "extra")));
        Assert.Equal("hello", new StreamReader(oldHandle, Encoding.UTF8).ReadToEnd());
    }

    [Fact]
    public async Task SetUp_WithUnchangedContent_WritesNoNewTimestampDirectory()
    {
        PutConfigMap(new() { ["k"] = "v" });
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));
        _node.Time = time;
        var volumes = _node.Volumes();
        var pod = VolumeTestNode.Pod("u1", ConfigVolume());
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);
        var dir = _node.VolumeDirectory("u1", "configmap", "config");
        var first = Assert.Single(TimestampDirectories(dir));
        Assert.StartsWith("..2025_03_04_05_06_07.", first, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(1));
        PutConfigMap(new() { ["k"] = "v" });
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);

        Assert.Equal(first, Assert.Single(TimestampDirectories(dir)));
    }

    [Fact]
    public async Task SetUp_WhenAKeyIsRemoved_RemovesItsUserVisibleLink()
    {
        PutConfigMap(new() { ["keep"] = "1", ["drop"] = "2" });
        var volumes = _node.Volumes();
        var pod = VolumeTestNode.Pod("u1", ConfigVolume());
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);
        PutConfigMap(new() { ["keep"] = "1" });
        await volumes.SetUpAsync(pod, TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "configmap", "config");
        Assert.Equal(["..data", "keep"], new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 })
            .Where(e => e.LinkTarget is not null).Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SetUp_WithAMissingConfigMap_ThrowsUpstreamsMessage()
    {
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() =>
            _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", ConfigVolume()), TestContext.Current.CancellationToken));
        Assert.Equal("config", e.VolumeName);
        Assert.Equal("configmap \"cfg\" not found", e.Message);
    }

    [Fact]
    public async Task SetUp_WithAMissingOptionalConfigMap_GivesAnEmptyVolume()
    {
        await _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", ConfigVolume(optional: true)), TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "configmap", "config");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(dir, "..data")));
        Assert.DoesNotContain(new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }),
            e => !e.Name.StartsWith("..", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetUp_WithAnItemKeyTheConfigMapLacks_ThrowsUpstreamsMessage()
    {
        PutConfigMap(new() { ["a"] = "A" });
        var items = new List<V1KeyToPath> { new() { Key = "missing", Path = "m" } };
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() =>
            _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", ConfigVolume(items: items)), TestContext.Current.CancellationToken));
        Assert.Equal("configmap references non-existent config key: missing", e.Message);
    }

    [Fact]
    public async Task SetUp_WithAnItemPathThatClimbsOut_FailsTheVolume()
    {
        PutConfigMap(new() { ["a"] = "A" });
        var items = new List<V1KeyToPath> { new() { Key = "a", Path = "x/../../escape" } };
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() =>
            _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", ConfigVolume(items: items)), TestContext.Current.CancellationToken));
        Assert.Contains("must not contain '..'", e.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(_node.PodsDirectory, "u1", "volumes", "kubernetes.io~configmap", "escape")));
    }
}
