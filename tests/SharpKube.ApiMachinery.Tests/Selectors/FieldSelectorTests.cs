using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.ApiMachinery.Tests.Selectors;

public sealed class FieldSelectorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    [InlineData(",,")]
    public void Parse_OfNoTerms_SelectsEverything(string? text)
    {
        var selector = FieldSelector.Parse(text);

        Assert.True(selector.IsEverything);
        Assert.Equal("", selector.ToString());
        Assert.True(selector.Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("metadata.name=foo", "metadata.name=foo")]
    [InlineData("metadata.name==foo", "metadata.name=foo")]
    [InlineData("status.phase!=Running,spec.nodeName=n1", "spec.nodeName=n1,status.phase!=Running")]
    [InlineData("b=1,,a=2", "a=2,b=1")]
    [InlineData("a=", "a=")]
    [InlineData("a!=", "a!=")]
    [InlineData(@"a=x\,y", @"a=x\,y")]
    [InlineData(@"a=x\=y", @"a=x\=y")]
    [InlineData(@"a=x\\y", @"a=x\\y")]
    public void Parse_ThenToString_GivesUpstreamsForm(string text, string canonical)
    {
        Assert.Equal(canonical, FieldSelector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("metadata.name=foo", "metadata.name", FieldSelectorOperator.Equals, "foo")]
    [InlineData("metadata.name==foo", "metadata.name", FieldSelectorOperator.Equals, "foo")]
    [InlineData("status.phase!=Running", "status.phase", FieldSelectorOperator.NotEquals, "Running")]
    [InlineData(@"a=x\,y", "a", FieldSelectorOperator.Equals, "x,y")]
    [InlineData(@"a=x\=y", "a", FieldSelectorOperator.Equals, "x=y")]
    [InlineData(@"a=x\\y", "a", FieldSelectorOperator.Equals, @"x\y")]
    [InlineData("a = b", "a ", FieldSelectorOperator.Equals, " b")]
    [InlineData("=b", "", FieldSelectorOperator.Equals, "b")]
    [InlineData(@"a\b=c", @"a\b", FieldSelectorOperator.Equals, "c")]
    public void Parse_SplitsATermAtItsFirstOperator_AndUnescapesTheValue(
        string text, string field, FieldSelectorOperator op, string value)
    {
        var requirement = Assert.Single(FieldSelector.Parse(text).Requirements);

        Assert.Equal(new FieldRequirement(field, op, value), requirement);
    }

    [Theory]
    [InlineData("abc", "invalid selector: 'abc'; can't understand 'abc'")]
    [InlineData("a=b,garbage", "invalid selector: 'a=b,garbage'; can't understand 'garbage'")]
    [InlineData("x in (a,b)", "invalid selector: 'x in (a,b)'; can't understand 'b)'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    public void Parse_OfMalformedText_FailsWithUpstreamsMessage(string text, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("status.phase=Running", true)]
    [InlineData("status.phase==Running", true)]
    [InlineData("status.phase!=Running", false)]
    [InlineData("status.phase=Failed", false)]
    [InlineData("spec.nodeName=", true)]
    [InlineData("spec.nodeName!=", false)]
    [InlineData("spec.nodeName=n1", false)]
    [InlineData("metadata.name=a,status.phase!=Failed", true)]
    [InlineData("metadata.name=a,status.phase!=Running", false)]
    public void Matches_ComparesAbsentFieldsAsEmpty(string text, bool expected)
    {
        var fields = new Dictionary<string, string> { ["metadata.name"] = "a", ["status.phase"] = "Running" };

        Assert.Equal(expected, FieldSelector.Parse(text).Matches(fields));
    }

    [Fact]
    public void TryGetExactMatch_ReturnsAValuePinnedWithEquals()
    {
        var selector = FieldSelector.Parse("metadata.namespace!=x,metadata.name=foo");

        Assert.True(selector.TryGetExactMatch("metadata.name", out var name));
        Assert.Equal("foo", name);
        Assert.False(selector.TryGetExactMatch("metadata.namespace", out _));
        Assert.False(selector.TryGetExactMatch("spec.nodeName", out _));
    }

    [Fact]
    public void TryGetExactMatch_FindsTheEqualsTermBesideANotEqualsOne()
    {
        Assert.True(FieldSelector.Parse("metadata.name!=a,metadata.name=b").TryGetExactMatch("metadata.name", out var name));
        Assert.Equal("b", name);
    }
}
