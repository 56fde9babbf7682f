using System.Runtime.Versioning;
using k8s.Models;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

[UnsupportedOSPlatform("windows")]
public sealed class ProjectedVolumeTests : IDisposable
{
    private readonly VolumeTestNode _node = new();

    public void Dispose() => _node.Dispose();

    private static V1Pod PodWithProjection(params V1VolumeProjection[] sources) =>
        VolumeTestNode.Pod("u1", new V1Volume { Name = "all", Projected = new V1ProjectedVolumeSource { Sources = [.. sources], DefaultMode = 0x1A0 } });

    private static V1VolumeProjection Token() =>
        new() { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", Audience = "api", ExpirationSeconds = 600 } };

    [Fact]
    public async Task SetUp_MergesConfigMapSecretDownwardApiAndTokenIntoOneDirectory()
    {
        _node.ConfigMaps["shop/ca"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["ca.crt"] = "CERT" } };
        _node.Secrets["shop/s"] = new V1Secret { Data = new Dictionary<string, byte[]> { ["key"] = "KEY"u8.ToArray() } };
        (string Audience, long Expiration)? asked = null;
        _node.TokenSource = (pod, audience, expiration, _) =>
        {
            asked = (audience, expiration);
            return Task.FromResult<string?>("jwt-for-" + pod.Metadata.Name);
        };
        var pod = PodWithProjection(
            new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "ca" } },
            new V1VolumeProjection { Secret = new V1SecretProjection { Name = "s", Items = [new V1KeyToPath { Key = "key", Path = "tls/key", Mode = 0x100 }] } },
            new V1VolumeProjection { DownwardAPI = new V1DownwardAPIProjection { Items = [new V1DownwardAPIVolumeFile { Path = "namespace", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } }] } },
            Token());
        var set = await _node.Volumes().SetUpAsync(pod, TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "projected", "all");
        Assert.Equal(dir, set.HostPathOf("all"));
        Assert.Equal("CERT", File.ReadAllText(Path.Combine(dir, "ca.crt")));
        Assert.Equal("KEY", File.ReadAllText(Path.Combine(dir, "tls/key")));
        Assert.Equal("shop", File.ReadAllText(Path.Combine(dir, "namespace")));
        Assert.Equal("jwt-for-web", File.ReadAllText(Path.Combine(dir, "token")));
        Assert.Equal(("api", 600L), asked);
        Assert.Equal((UnixFileMode)0x1A0, File.GetUnixFileMode(Path.Combine(dir, "..data/ca.crt")));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(dir, "..data/tls/key")));
    }

    [Fact]
    public async Task SetUp_WithoutATokenSource_LeavesTheTokenOut()
    {
        _node.ConfigMaps["shop/ca"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["ca.crt"] = "CERT" } };
        await _node.Volumes().SetUpAsync(PodWithProjection(new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "ca" } }, Token()),
            TestContext.Current.CancellationToken);

        var dir = _node.VolumeDirectory("u1", "projected", "all");
        Assert.True(File.Exists(Path.Combine(dir, "ca.crt")));
        Assert.False(Path.Exists(Path.Combine(dir, "token")));
    }

    [Fact]
    public async Task SetUp_WithAMissingOptionalSource_SkipsOnlyThatSource()
    {
        _node.ConfigMaps["shop/ca"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["ca.crt"] = "CERT" } };
        await _node.Volumes().SetUpAsync(PodWithProjection(
            new V1VolumeProjection { Secret = new V1SecretProjection { Name = "absent", Optional = true } },
            new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "ca" } }), TestContext.Current.CancellationToken);

        Assert.Equal("CERT", File.ReadAllText(Path.Combine(_node.VolumeDirectory("u1", "projected", "all"), "ca.crt")));
    }

    [Fact]
    public async Task SetUp_WithAMissingRequiredSource_ThrowsUpstreamsMessage()
    {
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => _node.Volumes().SetUpAsync(
            PodWithProjection(new V1VolumeProjection { Secret = new V1SecretProjection { Name = "absent" } }), TestContext.Current.CancellationToken));
        Assert.Equal("secret \"absent\" not found", e.Message);
    }

    [Fact]
    public async Task SetUp_WithAClusterTrustBundle_SaysItIsNotSupported()
    {
        var e = await Assert.ThrowsAsync<VolumeSetupException>(() => _node.Volumes().SetUpAsync(
            PodWithProjection(new V1VolumeProjection { ClusterTrustBundle = new V1ClusterTrustBundleProjection { Path = "b", Name = "x" } }),
            TestContext.Current.CancellationToken));
        Assert.Equal("projected source clusterTrustBundle is not supported", e.Message);
    }
}
