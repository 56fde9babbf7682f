using System.Text.Json;
using SharpKube.ApiMachinery.Selectors;
using static SharpKube.ApiMachinery.Tests.Selectors.UpstreamMessages;

namespace SharpKube.ApiMachinery.Tests.Selectors;

public sealed class LabelSelectorJsonTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web" };

    private static LabelSelector Convert(string json)
    {
        using var document = JsonDocument.Parse(json);
        return LabelSelector.FromLabelSelectorJson(document.RootElement);
    }

    private static string Format(string json)
    {
        using var document = JsonDocument.Parse(json);
        return LabelSelector.FormatLabelSelectorJson(document.RootElement);
    }

    [Fact]
    public void FromLabelSelectorJson_OfNull_SelectsNothing()
    {
        var selector = Convert("null");

        Assert.True(selector.IsNothing);
        Assert.False(selector.Matches(Web));
        Assert.False(selector.Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void FromLabelSelectorJson_OfAnAbsentProperty_SelectsNothing()
    {
        Assert.True(LabelSelector.FromLabelSelectorJson(default).IsNothing);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"matchLabels":{},"matchExpressions":[]}""")]
    [InlineData("""{"matchLabels":null,"matchExpressions":null}""")]
    public void FromLabelSelectorJson_OfAnEmptySelector_SelectsEverything(string json)
    {
        var selector = Convert(json);

        Assert.True(selector.IsEverything);
        Assert.True(selector.Matches(Web));
        Assert.True(selector.Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("""{"matchLabels":{"b":"2","a":"1"}}""", "a=1,b=2")]
    [InlineData("""{"matchLabels":{"app":""}}""", "app=")]
    [InlineData(
        """{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["cache"]},{"key":"env","operator":"In","values":["prod","dev"]},{"key":"gpu","operator":"Exists"},{"key":"legacy","operator":"DoesNotExist","values":[]}]}""",
        "env in (dev,prod),gpu,!legacy,tier notin (cache)")]
    [InlineData(
        """{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"app","operator":"NotIn","values":["db"]}]}""",
        "app=web,app notin (db)")]
    public void FromLabelSelectorJson_ConvertsMatchLabelsAndExpressions(string json, string canonical)
    {
        Assert.Equal(canonical, Convert(json).ToString());
    }

    [Theory]
    [InlineData("""{"matchLabels":{"app":"web"}}""", true)]
    [InlineData("""{"matchLabels":{"app":"db"}}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In","values":["db","web"]}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"NotIn","values":["web"]}]}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["web"]}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Exists"}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"DoesNotExist"}]}""", false)]
    public void FromLabelSelectorJson_MatchesLikeUpstream(string json, bool expected)
    {
        Assert.Equal(expected, Convert(json).Matches(Web));
    }

    public static TheoryData<string, string> Errors => new()
    {
        {
            """{"matchExpressions":[{"key":"app","operator":"Equals","values":["web"]}]}""",
            "\"Equals\" is not a valid label selector operator"
        },
        {
            """{"matchExpressions":[{"key":"app","operator":"in","values":["web"]}]}""",
            "\"in\" is not a valid label selector operator"
        },
        {
            """{"matchExpressions":[{"key":"app","operator":"In","values":[]}]}""",
            "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"
        },
        {
            """{"matchExpressions":[{"key":"app","operator":"NotIn"}]}""",
            "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"
        },
        {
            """{"matchExpressions":[{"key":"app","operator":"Exists","values":["a","b"]}]}""",
            "values: Invalid value: []string{\"a\", \"b\"}: values set must be empty for exists and does not exist"
        },
        {
            """{"matchLabels":{"bad key":"v"}}""",
            "key: Invalid value: \"bad key\": " + NamePart
        },
        {
            """{"matchLabels":{"app":"-web"}}""",
            "values[0][app]: Invalid value: \"-web\": " + LabelValue
        },
        {
            """{"matchLabels":{"bad key":"-web"}}""",
            $"[key: Invalid value: \"bad key\": {NamePart}, values[0][bad key]: Invalid value: \"-web\": {LabelValue}]"
        },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void FromLabelSelectorJson_OfAnInvalidSelector_FailsWithUpstreamsMessage(string json, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => Convert(json));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("null", "<none>")]
    [InlineData("{}", "<none>")]
    [InlineData("""{"matchLabels":{"app":"web"}}""", "app=web")]
    [InlineData("""{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"env","operator":"In","values":["b","a"]}]}""", "app=web,env in (a,b)")]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Bogus"}]}""", "<error>")]
    public void FormatLabelSelectorJson_GivesWhatKubectlShows(string json, string shown)
    {
        Assert.Equal(shown, Format(json));
    }

    [Fact]
    public void FormatLabelSelectorJson_OfAnAbsentSelector_IsNone()
    {
        Assert.Equal("<none>", LabelSelector.FormatLabelSelectorJson(default));
    }
}
