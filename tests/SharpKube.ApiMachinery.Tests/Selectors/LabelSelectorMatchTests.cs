using System.Text.Json;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.ApiMachinery.Tests.Selectors;

public sealed class LabelSelectorMatchTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app"] = "web",
        ["tier"] = "front",
        ["count"] = "5",
        ["empty"] = "",
    };

    private const string LabelsJson = """{"app":"web","tier":"front","count":"5","empty":""}""";

    public static TheoryData<string, bool> Cases => new()
    {
        { "", true },
        { "app=web", true },
        { "app=db", false },
        { "app==web", true },
        { "app!=web", false },
        { "app!=db", true },
        { "missing!=x", true },
        { "missing=x", false },
        { "missing=", false },
        { "empty=", true },
        { "empty!=", false },
        { "app in (db,web)", true },
        { "app in (db)", false },
        { "missing in (x)", false },
        { "empty in ()", true },
        { "app notin (db)", true },
        { "app notin (web,db)", false },
        { "missing notin (x)", true },
        { "app", true },
        { "empty", true },
        { "missing", false },
        { "!missing", true },
        { "!app", false },
        { "count>4", true },
        { "count>5", false },
        { "count<6", true },
        { "count<5", false },
        { "app>1", false },
        { "missing<10", false },
        { "app=web,tier=front", true },
        { "app=web,tier=back", false },
        { "app=web,!missing,count<10,tier in (front)", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_OnALabelDictionary_FollowsUpstreamSemantics(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_OnJsonLabels_AgreesWithTheDictionary(string selector, bool expected)
    {
        using var document = JsonDocument.Parse(LabelsJson);

        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(document.RootElement));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesObject_ReadsMetadataLabels(string selector, bool expected)
    {
        using var document = JsonDocument.Parse("""{"kind":"Pod","metadata":{"name":"p","labels":""" + LabelsJson + "}}");

        Assert.Equal(expected, LabelSelector.Parse(selector).MatchesObject(document.RootElement));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("!a", true)]
    [InlineData("a!=b", true)]
    [InlineData("a notin (b)", true)]
    [InlineData("a", false)]
    [InlineData("a=", false)]
    [InlineData("a in (b)", false)]
    [InlineData("a<1", false)]
    public void Matches_AnObjectWithoutLabels_LikeUpstream(string selector, bool expected)
    {
        using var noLabels = JsonDocument.Parse("""{"metadata":{"name":"p"}}""");
        var parsed = LabelSelector.Parse(selector);

        Assert.Equal(expected, parsed.Matches((IReadOnlyDictionary<string, string>?)null));
        Assert.Equal(expected, parsed.Matches(new Dictionary<string, string>()));
        Assert.Equal(expected, parsed.MatchesObject(noLabels.RootElement));
        Assert.Equal(expected, parsed.Matches(default(JsonElement)));
    }

    [Fact]
    public void Matches_AnEscapedJsonLabelValue_DecodesIt()
    {
        using var document = JsonDocument.Parse("""{"count":"\u0037","app":"w\u0065b"}""");

        Assert.True(LabelSelector.Parse("count>6,app=web").Matches(document.RootElement));
    }

    [Fact]
    public void Nothing_MatchesNoObjectAtAll()
    {
        Assert.True(LabelSelector.Nothing.IsNothing);
        Assert.False(LabelSelector.Nothing.IsEverything);
        Assert.False(LabelSelector.Nothing.Matches(Labels));
        Assert.False(LabelSelector.Nothing.Matches((IReadOnlyDictionary<string, string>?)null));
        Assert.Equal("", LabelSelector.Nothing.ToString());
    }

    [Fact]
    public void FromSet_MatchesExactlyThatSet()
    {
        var selector = LabelSelector.FromSet(new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" });

        Assert.Equal("app=web,tier=front", selector.ToString());
        Assert.True(selector.Matches(Labels));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web" }));
        Assert.True(LabelSelector.FromSet(null).IsEverything);
        Assert.True(LabelSelector.FromSet(new Dictionary<string, string>()).IsEverything);
    }
}
