using SharpKube.ApiMachinery.TypedDecoding;

namespace SharpKube.ApiMachinery.Tests.TypedDecoding;

public sealed class QuantitySyntaxTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("500m")]
    [InlineData("1.5Gi")]
    [InlineData("+1e3")]
    [InlineData("1E-2")]
    [InlineData(".5")]
    [InlineData("-100Ki")]
    public void Check_AcceptsQuantities(string text) => Assert.Null(QuantitySyntax.Check(text));

    [Theory]
    [InlineData("", QuantitySyntax.FormatWrong)]
    [InlineData("abc", QuantitySyntax.FormatWrong)]
    [InlineData("1 Gi", QuantitySyntax.FormatWrong)]
    [InlineData("1Gb", QuantitySyntax.FormatWrong)]
    [InlineData("1mm", QuantitySyntax.SuffixWrong)]
    [InlineData("1e", QuantitySyntax.SuffixWrong)]
    [InlineData("1Ki3", QuantitySyntax.SuffixWrong)]
    public void Check_RefusesOthers_WithUpstreamsMessage(string text, string expected) => Assert.Equal(expected, QuantitySyntax.Check(text));

    [Theory]
    [InlineData("0.5", "500m")]
    [InlineData("1000m", "1")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("1000k", "1M")]
    [InlineData("1e3", "1e3")]
    [InlineData("100Mi", "100Mi")]
    [InlineData("-1", "-1")]
    [InlineData("-1.5", "-1500m")]
    [InlineData("+2", "2")]
    [InlineData("0.0000000001", "1n")]
    public void Canonical_IsUpstreamsCanonicalForm(string text, string expected) => Assert.Equal(expected, QuantitySyntax.Canonical(text));
}
