using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.TypedDecoding;

namespace SharpKube.ApiMachinery.Tests.TypedDecoding;

public sealed class GoValueTextTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(100000.0, "100000")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(123456789.0, "1.23456789e+08")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(0.0, "0")]
    public void Float_PrintsLikeGosPercentV(double value, string expected) => Assert.Equal(expected, GoValueText.Float(value));

    [Fact]
    public void Format_SortsKeys_AndPrintsStringsBare()
    {
        var value = JsonNode.Parse("""{"b":[1,"x",true,null],"a":{"z":"y","c":2.5}}""");

        Assert.Equal("map[a:map[c:2.5 z:y] b:[1 x true <nil>]]", GoValueText.Format(value));
    }
}
