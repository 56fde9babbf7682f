using SharpKube.Kubelet.Runtime;

namespace SharpKube.Kubelet.Tests.Runtime;

public sealed class CriClientTests
{
    [Theory]
    [InlineData("unix:///run/x/containerd.sock")]
    [InlineData("/run/x/containerd.sock")]
    public void Connect_AcceptsAUnixUrlOrAnAbsolutePath(string endpoint)
    {
        using var client = CriClient.Connect(endpoint);

        Assert.Equal("unix:///run/x/containerd.sock", client.Endpoint);
        Assert.Equal("/run/x/containerd.sock", client.SocketPath);
    }

    [Theory]
    [InlineData("containerd.sock")]
    [InlineData("unix://run/containerd.sock")]
    [InlineData("tcp://127.0.0.1:1234")]
    public void Connect_RefusesAnythingButAnAbsoluteSocketPath(string endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() => CriClient.Connect(endpoint));

        Assert.Contains(endpoint, error.Message);
    }

    [Fact]
    public async Task WaitUntilServingAsync_WithNoRuntimeListening_TimesOutWithTheLastError()
    {
        var socketPath = Path.Combine("/tmp", "skc-" + Guid.NewGuid().ToString("N")[..8], "missing.sock");
        using var client = CriClient.Connect(socketPath);

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            client.WaitUntilServingAsync(TimeSpan.FromMilliseconds(600), TestContext.Current.CancellationToken));

        Assert.Contains(client.Endpoint, error.Message);
        Assert.Contains("Unavailable", error.Message);
    }
}
