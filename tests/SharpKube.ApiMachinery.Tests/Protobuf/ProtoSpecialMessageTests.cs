using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Protobuf;

namespace SharpKube.ApiMachinery.Tests.Protobuf;

public sealed class ProtoSpecialMessageTests
{
    private static JsonNode? Decode(ProtoFieldKind kind, ProtoWriter writer) => ProtoSpecialValues.Decode(kind, writer.ToArray());

    [Fact]
    public void Quantity_DecodesToItsString()
    {
        Assert.Equal("250m", Decode(ProtoFieldKind.Quantity, new ProtoWriter().String(1, "250m"))!.GetValue<string>());
    }

    [Fact]
    public void IntOrString_OfTypeInt_DecodesToANumber()
    {
        var node = Decode(ProtoFieldKind.IntOrString, new ProtoWriter().Varint(1, 0).Varint(2, 8080).String(3, ""));

        Assert.Equal(8080, node!.GetValue<int>());
    }

    [Fact]
    public void IntOrString_OfTypeString_DecodesToAString()
    {
        var node = Decode(ProtoFieldKind.IntOrString, new ProtoWriter().Varint(1, 1).Varint(2, 0).String(3, "25%"));

        Assert.Equal("25%", node!.GetValue<string>());
    }

    [Fact]
    public void Time_DecodesToRfc3339InUtc()
    {
        var node = Decode(ProtoFieldKind.Time, new ProtoWriter().Varint(1, 1_700_000_000).Varint(2, 0));

        Assert.Equal("2023-11-14T22:13:20Z", node!.GetValue<string>());
    }

    [Fact]
    public void MicroTime_KeepsMicroseconds()
    {
        var node = Decode(ProtoFieldKind.MicroTime, new ProtoWriter().Varint(1, 1_700_000_000).Varint(2, 123_456_000));

        Assert.Equal("2023-11-14T22:13:20.123456Z", node!.GetValue<string>());
    }

    [Fact]
    public void Time_ThatIsZero_IsOmitted()
    {
        Assert.Null(Decode(ProtoFieldKind.Time, new ProtoWriter()));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(2_000_000L, "2ms")]
    public void Duration_PrintsAsGoDoes(long nanoseconds, string expected)
    {
        Assert.Equal(expected, Decode(ProtoFieldKind.Duration, new ProtoWriter().Varint(1, nanoseconds))!.GetValue<string>());
    }

    [Fact]
    public void RawExtension_DecodesToEmbeddedJson()
    {
        var node = Decode(ProtoFieldKind.RawExtension, new ProtoWriter().String(1, """{"a":[1,2]}"""));

        Assert.Equal("""{"a":[1,2]}""", node!.ToJsonString());
    }

    [Fact]
    public void FieldsV1_DecodesToEmbeddedJson()
    {
        var node = Decode(ProtoFieldKind.FieldsV1, new ProtoWriter().String(1, """{"f:data":{}}"""));

        Assert.Equal("""{"f:data":{}}""", node!.ToJsonString());
    }

    [Fact]
    public void RawExtension_ThatIsNotJson_IsAFormatException()
    {
        Assert.Throws<FormatException>(() => Decode(ProtoFieldKind.RawExtension, new ProtoWriter().String(1, "{nope")));
    }
}
