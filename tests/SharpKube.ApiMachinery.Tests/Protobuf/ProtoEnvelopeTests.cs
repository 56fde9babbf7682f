using SharpKube.ApiMachinery.Protobuf;

namespace SharpKube.ApiMachinery.Tests.Protobuf;

public sealed class ProtoEnvelopeTests
{
    [Fact]
    public void Unwrap_ReadsTypeMetaAndRaw()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", [1, 2, 3]);

        var unknown = ProtoEnvelope.Unwrap(body);

        Assert.Equal("v1", unknown.ApiVersion);
        Assert.Equal("ConfigMap", unknown.Kind);
        Assert.Equal(new byte[] { 1, 2, 3 }, unknown.Raw.ToArray());
        Assert.Equal("", unknown.ContentType);
    }

    [Fact]
    public void Unwrap_WithoutTheMagicPrefix_IsAFormatException()
    {
        var e = Assert.Throws<FormatException>(() => ProtoEnvelope.Unwrap("{\"kind\":\"x\"}"u8.ToArray()));

        Assert.Contains("k8s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unwrap_Truncated_IsAFormatException()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", new byte[40]);

        Assert.Throws<FormatException>(() => ProtoEnvelope.Unwrap(body.AsMemory(0, body.Length - 20)));
    }
}
