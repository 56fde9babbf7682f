using SharpKube.Kubelet.Node;
using SharpKube.Kubelet.Runtime;
using SharpKube.Kubelet.Tests.Containerd;

namespace SharpKube.Kubelet.Tests.Node;

public sealed class RuntimeReadinessTests
{
    [Fact]
    public async Task ProblemAsync_NoRuntimeListening_SaysTheRuntimeIsDown()
    {
        var socket = Path.Combine(Path.GetTempPath(), "sk-absent-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        using var cri = CriClient.Connect("unix://" + socket);

        var problem = await RuntimeReadiness.ProblemAsync(cri.Runtime, TestContext.Current.CancellationToken);

        Assert.NotNull(problem);
        Assert.StartsWith("container runtime is down: ", problem);
    }

    [Fact]
    public async Task ProblemAsync_ContainerdWithoutCniConfig_SaysTheNetworkIsNotReadyInUpstreamsWords()
    {
        await using var containerd = new ContainerdFixture();
        await containerd.InitializeAsync();

        var problem = await RuntimeReadiness.ProblemAsync(containerd.Cri.Runtime, TestContext.Current.CancellationToken);

        Assert.Equal("container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized",
            problem);
    }
}
