using System.Runtime.Versioning;
using k8s.Models;
using SharpKube.Kubelet.Volumes;

namespace SharpKube.Kubelet.Tests.Volumes;

/// <summary>A projected volume whose token cannot be had fails as upstream reports it.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ProjectedTokenFailureTests : IDisposable
{
    private readonly VolumeTestNode _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task SetUp_WhenTheTokenIsRefused_FailsTheVolumeWithFailedToFetchToken()
    {
        _node.TokenSource = (_, _, _, _) =>
            Task.FromException<string?>(new ServiceAccountTokenException("serviceaccounts \"robot\" not found", new InvalidOperationException()));
        var pod = VolumeTestNode.Pod("u1", new V1Volume
        {
            Name = "tokens",
            Projected = new V1ProjectedVolumeSource
            {
                Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token" } }],
            },
        });

        var failure = await Assert.ThrowsAsync<VolumeSetupException>(() => _node.Volumes().SetUpAsync(pod, TestContext.Current.CancellationToken));

        Assert.Equal("tokens", failure.VolumeName);
        Assert.Equal("failed to fetch token: serviceaccounts \"robot\" not found", failure.Message);
    }
}
