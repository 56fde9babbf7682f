using System.Runtime.Versioning;
using k8s.Models;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

[UnsupportedOSPlatform("windows")]
public sealed class SecretVolumeTests : IDisposable
{
    private readonly VolumeTestNode _node = new();

    public void Dispose() => _node.Dispose();

    private static V1Volume SecretVolume(IList<V1KeyToPath>? items = null, int? defaultMode = null, bool? optional = null) => new()
    {
        Name = "creds",
        Secret = new V1SecretVolumeSource { SecretName = "s", Items = items, DefaultMode = defaultMode, Optional = optional },
    };

    private void PutSecret(Dictionary<string, byte[]> data) =>
        _node.Secrets["shop/s"] = new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, Data = data };

    [Fact]
    public async Task SetUp_WritesTheSecretsBytesWithTheDefaultMode()
    {
        PutSecret(new() { ["password"] = [0x70, 0x00, 0xFF], [".dockerconfigjson"] = "{}"u8.ToArray() });
        await _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", SecretVolume(defaultMode: 0x100)), TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "secret", "creds");
        Assert.Equal(new byte[] { 0x70, 0x00, 0xFF }, File.ReadAllBytes(Path.Combine(dir, "password")));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(dir, ".dockerconfigjson")));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(dir, "..data", "password")));
    }

    [Fact]
    public async Task SetUp_WithAnFsGroup_MakesTheFilesGroupReadableAndOwnedByIt()
    {
        PutSecret(new() { ["token"] = "t"u8.ToArray() });
        var pod = VolumeTestNode.Pod("u1", SecretVolume(defaultMode: 0x100));
        pod.Spec.SecurityContext = new V1PodSecurityContext { FsGroup = 4321 };
        await _node.Volumes().SetUpAsync(pod, TestContext.Current.CancellationToken);

        var file = Path.Combine(_node.VolumeDirectory("u1", "secret", "creds"), "..data", "token");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead, File.GetUnixFileMode(file));
        Assert.Equal("4321", await StatAsync("%g", file));
    }

    [Fact]
    public async Task SetUp_WithAMissingSecret_ThrowsUpstreamsMessage()
    {
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() =>
            _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", SecretVolume()), TestContext.Current.CancellationToken));
        Assert.Equal("secret \"s\" not found", e.Message);
    }

    [Fact]
    public async Task SetUp_WithAnOptionalItemKeyTheSecretLacks_LeavesThatFileOut()
    {
        PutSecret(new() { ["a"] = "A"u8.ToArray() });
        var items = new List<V1KeyToPath> { new() { Key = "a", Path = "a" }, new() { Key = "b", Path = "b" } };
        await _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", SecretVolume(items: items, optional: true)), TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "secret", "creds");
        Assert.Equal("A", File.ReadAllText(Path.Combine(dir, "a")));
        Assert.False(Path.Exists(Path.Combine(dir, "b")));
    }

    [Fact]
    public async Task SetUp_WithAnItemKeyTheSecretLacks_ThrowsUpstreamsMessage()
    {
        PutSecret(new() { ["a"] = "A"u8.ToArray() });
        var items = new List<V1KeyToPath> { new() { Key = "b", Path = "b" } };
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() =>
            _node.Volumes().SetUpAsync(VolumeTestNode.Pod("u1", SecretVolume(items: items)), TestContext.Current.CancellationToken));
        Assert.Equal("references non-existent secret key: b", e.Message);
    }

    internal static async Task<string> StatAsync(string format, string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", format, path]) { RedirectStandardOutput = true })!;
        var output = await stat.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await stat.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output.Trim();
    }
}
