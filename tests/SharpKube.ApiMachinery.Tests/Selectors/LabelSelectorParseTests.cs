using SharpKube.ApiMachinery.Selectors;
using static SharpKube.ApiMachinery.Tests.Selectors.UpstreamMessages;

namespace SharpKube.ApiMachinery.Tests.Selectors;

public sealed class LabelSelectorParseTests
{
    public static TheoryData<string, string> CanonicalForms => new()
    {
        { "x=a", "x=a" },
        { "x==a", "x==a" },
        { "x!=a", "x!=a" },
        { "x in (b,a)", "x in (a,b)" },
        { "x notin (a)", "x notin (a)" },
        { "x in(a)", "x in (a)" },
        { "x in (a,a,b)", "x in (a,b)" },
        { "x in (a,,b)", "x in (,a,b)" },
        { "x in (,a)", "x in (,a)" },
        { "x in (a,)", "x in (,a)" },
        { "x in ()", "x in ()" },
        { "x", "x" },
        { "!x", "!x" },
        { " x , !y ", "x,!y" },
        { "b=1,a=2", "a=2,b=1" },
        { "x=a,x!=b", "x=a,x!=b" },
        { "x>5", "x>5" },
        { "x<10", "x<10" },
        { "x=", "x=" },
        { "x!=,y", "x!=,y" },
        { "a\t=\tb", "a=b" },
        { "a\r\n==\nb", "a==b" },
        { "in=notin", "in=notin" },
        { "x in (in,notin)", "x in (in,notin)" },
        { "!in", "!in" },
        { "example.com/app=web", "example.com/app=web" },
        { "app.kubernetes.io/name in (nginx, web)", "app.kubernetes.io/name in (nginx,web)" },
        { "env notin (prod),tier=front,!legacy", "env notin (prod),!legacy,tier=front" },
    };

    [Theory]
    [MemberData(nameof(CanonicalForms))]
    public void Parse_ThenToString_GivesUpstreamsCanonicalForm(string text, string canonical)
    {
        Assert.Equal(canonical, LabelSelector.Parse(text).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \t\r\n")]
    public void Parse_OfNothingButWhitespace_SelectsEverything(string? text)
    {
        var selector = LabelSelector.Parse(text);

        Assert.True(selector.IsEverything);
        Assert.Empty(selector.Requirements);
        Assert.Equal("", selector.ToString());
    }

    [Fact]
    public void Parse_ExposesSortedRequirementsWithOperatorsAndValues()
    {
        var selector = LabelSelector.Parse("tier notin (b,a),app=web,!legacy,count>3");

        Assert.Equal(
            ["app=[web]", "count>[3]", "legacy DoesNotExist []", "tier NotIn [a,b]"],
            selector.Requirements.Select(r => r.Operator switch
            {
                SelectorOperator.Equals => $"{r.Key}=[{string.Join(',', r.Values)}]",
                SelectorOperator.GreaterThan => $"{r.Key}>[{string.Join(',', r.Values)}]",
                _ => $"{r.Key} {r.Operator} [{string.Join(',', r.Values)}]",
            }));
        Assert.False(selector.IsEverything);
    }

    public static TheoryData<string, string> GrammarErrors => new()
    {
        { "a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt" },
        { "garbage!!", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt" },
        { "a (b)", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt" },
        { "=a", "found '=', expected: !, identifier, or 'end of string'" },
        { ",a", "found ',', expected: !, identifier, or 'end of string'" },
        { "!=a", "found '!=', expected: !, identifier, or 'end of string'" },
        { "a,", "found '', expected: identifier after ','" },
        { "a,,b", "found ',', expected: identifier after ','" },
        { "a=b c", "found 'c', expected: ',' or 'end of string'" },
        { "!a=b", "found '=', expected: ',' or 'end of string'" },
        { "x in (a)y", "found 'y', expected: ',' or 'end of string'" },
        { "!", "unable to parse requirement: found '', expected: identifier" },
        { "!,a", "unable to parse requirement: found ',', expected: identifier" },
        { "a in b", "unable to parse requirement: found 'b' expected: '('" },
        { "a in", "unable to parse requirement: found '' expected: '('" },
        { "a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'" },
        { "a in (b", "unable to parse requirement: found '', expected: ',' or ')'" },
        { "a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier" },
        { "a in (b,=)", "unable to parse requirement: found '=', expected: ',', or identifier" },
        { "a in (b,,)", "unable to parse requirement: found ')', expected: ',', or identifier" },
        { "a=(b)", "unable to parse requirement: found '(', expected: identifier" },
        { "a===b", "unable to parse requirement: found '=', expected: identifier" },
    };

    [Theory]
    [MemberData(nameof(GrammarErrors))]
    public void Parse_OfMalformedText_FailsWithUpstreamsMessage(string text, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(text));

        Assert.Equal(message, error.Message);
    }

    public static TheoryData<string, string> ValidationErrors => new()
    {
        { "app:x", "unable to parse requirement: <nil>: Invalid value: \"app:x\": " + NamePart },
        { "a&b=c", "unable to parse requirement: <nil>: Invalid value: \"a&b\": " + NamePart },
        { "a/b/c ?=? def", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": " + QualifiedName },
        { "app.kubernetes_io/name=x", "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": " + PrefixPart },
        { "/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty" },
        { "a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; " + NamePart },
        { new string('k', 64), $"unable to parse requirement: <nil>: Invalid value: \"{new string('k', 64)}\": name part must be no more than 63 characters" },
        { "a=-b", "unable to parse requirement: values[0][a]: Invalid value: \"-b\": " + LabelValue },
        { "good-key=" + new string('z', 64), $"unable to parse requirement: values[0][good-key]: Invalid value: \"{new string('z', 64)}\": must be no more than 63 characters" },
        { "a in (_y,-x)", $"unable to parse requirement: [values[0][a]: Invalid value: \"-x\": {LabelValue}, values[1][a]: Invalid value: \"_y\": {LabelValue}]" },
        { "a>b", "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer" },
        { "a<", "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer" },
    };

    [Theory]
    [MemberData(nameof(ValidationErrors))]
    public void Parse_OfInvalidKeysOrValues_FailsWithUpstreamsFieldErrors(string text, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ParseError_BecomesA400BadRequestStatus()
    {
        var error = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("garbage!!"));

        var status = error.ToStatusException();

        Assert.Equal(400, status.Code);
        Assert.Equal("BadRequest", status.Reason);
        Assert.Equal(error.Message, status.Message);
    }

    [Theory]
    [InlineData("app=web,tier in (front)", "app", "web")]
    [InlineData("app=web,tier in (front)", "tier", "front")]
    [InlineData("app==web", "app", "web")]
    public void TryGetExactMatch_ReturnsTheOnlyValueAKeyCanHave(string text, string key, string expected)
    {
        Assert.True(LabelSelector.Parse(text).TryGetExactMatch(key, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("x in (a,b)", "x")]
    [InlineData("x!=a", "x")]
    [InlineData("x", "x")]
    [InlineData("y=a", "x")]
    public void TryGetExactMatch_IsFalseWhenTheKeyIsNotPinned(string text, string key)
    {
        Assert.False(LabelSelector.Parse(text).TryGetExactMatch(key, out _));
    }
}
