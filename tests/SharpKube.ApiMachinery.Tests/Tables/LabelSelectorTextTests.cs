using SharpKube.ApiMachinery.Tables.Formatting;
using static SharpKube.ApiMachinery.Tests.Tables.TableFixture;

namespace SharpKube.ApiMachinery.Tests.Tables;

public sealed class LabelSelectorTextTests
{
    [Fact]
    public void MatchLabels_PrintAsSortedEqualities() =>
        Assert.Equal("app=web,tier=front", LabelSelectorText.Format(Json("""{"matchLabels":{"tier":"front","app":"web"}}""")));

    [Fact]
    public void MatchExpressions_PrintInSetSyntax_SortedByKeyWithSortedValues()
    {
        var selector = Json("""
            {"matchLabels":{"app":"web"},
             "matchExpressions":[
               {"key":"zone","operator":"NotIn","values":["b","a"]},
               {"key":"env","operator":"In","values":["prod","dev"]},
               {"key":"canary","operator":"DoesNotExist"},
               {"key":"gpu","operator":"Exists"}]}
            """);
        Assert.Equal("app=web,!canary,env in (dev,prod),gpu,zone notin (a,b)", LabelSelectorText.Format(selector));
    }

    [Fact]
    public void MissingOrEmptySelectors_PrintNone()
    {
        Assert.Equal("<none>", LabelSelectorText.Format(Json("null")));
        Assert.Equal("<none>", LabelSelectorText.Format(Json("{}")));
        Assert.Equal("<none>", LabelSelectorText.Format(Json("""{"matchLabels":{}}""")));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Gt","values":["1"]}]}""")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}""")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""")]
    [InlineData("""{"matchLabels":{"bad key":"x"}}""")]
    [InlineData("""{"matchLabels":{"app":"not valid!"}}""")]
    public void InvalidSelectors_PrintError(string selector) =>
        Assert.Equal("<error>", LabelSelectorText.Format(Json(selector)));

    [Fact]
    public void PrefixedKeys_AreValid() =>
        Assert.Equal("app.kubernetes.io/name=web", LabelSelectorText.Format(Json("""{"matchLabels":{"app.kubernetes.io/name":"web"}}""")));

    [Fact]
    public void LabelSets_PrintSortedPairsOrNone()
    {
        Assert.Equal("a=1,b=2", LabelSetText.Format(Json("""{"b":"2","a":"1"}""")));
        Assert.Equal("<none>", LabelSetText.Format(Json("{}")));
        Assert.Equal("<none>", LabelSetText.Format(default));
    }
}
