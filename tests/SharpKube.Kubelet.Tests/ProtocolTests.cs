using Google.Protobuf;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Tests;

public sealed class ProtocolTests
{
    [Fact]
    public void ContainerConfig_EncodesItsLogPathAsField11()
    {
        var bytes = new ContainerConfig { LogPath = "c/0.log" }.ToByteArray();
        // Field 11, wire type 2 (length-delimited): tag byte 0x5A.
        Assert.Equal(0x5A, bytes[0]);
    }
}
