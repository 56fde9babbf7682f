using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Tests.Pods;

/// <summary>The pull policy a container gets when it names none, as the API server's defaulting chooses it.</summary>
public sealed class ImagePullPolicyTests
{
    [Theory]
    [InlineData("busybox", "Always")]
    [InlineData("busybox:latest", "Always")]
    [InlineData("busybox:1.36", "IfNotPresent")]
    [InlineData("docker.io/library/busybox:1.36", "IfNotPresent")]
    [InlineData("localhost:5000/tools/busybox", "Always")]
    [InlineData("localhost:5000/tools/busybox:v2", "IfNotPresent")]
    [InlineData("busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    [InlineData("registry.local:5000/busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    [InlineData("busybox:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always")]
    public void DefaultPolicy_ForImage_IsUpstreamsDefault(string image, string expected) =>
        Assert.Equal(expected, ImagePuller.DefaultPolicy(image));
}
