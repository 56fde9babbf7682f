using k8s;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>The DefaultTolerationSeconds plugin with the seconds configured (upstream's <c>--default-*-toleration-seconds</c>).</summary>
public sealed class CustomTolerationSecondsTests(CustomTolerationSecondsFixture fixture) : IClassFixture<CustomTolerationSecondsFixture>
{
    [Fact]
    public async Task Create_OfAPlainPod_UsesTheConfiguredSeconds()
    {
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "dts-configured");

        var created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(DefaultTolerationSecondsTests.Pod("p"), ns,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["node.kubernetes.io/not-ready Exists NoExecute 60", "node.kubernetes.io/unreachable Exists NoExecute 120"],
            DefaultTolerationSecondsTests.Describe(created));
    }
}
