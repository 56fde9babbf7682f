using System.Text.Json.Nodes;
using k8s.Models;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Patching.Metadata;
using SharpKube.ApiMachinery.Patching.Strategic;
using static SharpKube.ApiMachinery.Tests.Patching.SmpFixture;

namespace SharpKube.ApiMachinery.Tests.Patching;

public sealed class StrategicDirectiveTests
{
    [Fact]
    public void RetainKeys_OnAVolume_DropsTheOldVolumeSource()
    {
        var result = Pod(
            """{"spec":{"volumes":[{"name":"data","emptyDir":{}},{"name":"other","emptyDir":{}}]}}""",
            """{"spec":{"$setElementOrder/volumes":[{"name":"data"},{"name":"other"}],"volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cm"},"emptyDir":null,"name":"data"}]}}""");

        AssertJson(
            """{"spec":{"volumes":[{"name":"data","configMap":{"name":"cm"}},{"name":"other","emptyDir":{}}]}}""",
            result);
    }

    [Fact]
    public void RetainKeys_OnTheDeploymentStrategy_DropsRollingUpdateWhenSwitchingToRecreate()
    {
        var result = Deployment(
            """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        AssertJson("""{"spec":{"strategy":{"type":"Recreate"}}}""", result);
    }

    [Fact]
    public void SetElementOrder_ReordersContainers_AndSlotsServerOnlyItemsBeforeTheirOriginalSuccessor()
    {
        var result = Pod(
            """{"spec":{"containers":[{"name":"a"},{"name":"injected"},{"name":"b"},{"name":"c"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}}""");

        Assert.Equal(["injected", "c", "a", "b"], StrategicListMergeTests.Names(result["spec"]!["containers"]!));
    }

    [Fact]
    public void SetElementOrder_PlacesNewItemsWhereTheOrderSays()
    {
        var result = Pod(
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"new"},{"name":"b"}],"containers":[{"name":"new","image":"x"}]}}""");

        Assert.Equal(["a", "new", "b"], StrategicListMergeTests.Names(result["spec"]!["containers"]!));
    }

    [Theory]
    [InlineData("""{"metadata":{"labels":{"$patch":"explode"}}}""", "unknown patch type: explode")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}""", "does not contain declared merge key: name")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":["app"]}}}}""", "must be objects")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"app","$patch":"sideways"}]}}}}""", "unknown patch type: sideways")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"app","$patch":"merge"}]}}}}""", "merging lists cannot yet be specified")]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":"type"}}}""", "$retainKeys must be a list of strings")]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{"maxSurge":2}}}}""", "the key rollingUpdate in the patch is not in the $retainKeys list")]
    [InlineData("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"name":"b"}]}}}}""", "missing from its $setElementOrder/ list")]
    [InlineData("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"image":"x"}]}}}}""", "does not contain the merge key name")]
    [InlineData("""{"spec":{"template":{"spec":{"$setElementOrder/containers":"app"}}}}""", "must be a list")]
    [InlineData("""{"spec":{"template":{"spec":{"$deleteFromPrimitiveList/containers":["app"]}}}}""", "applies to lists of scalars")]
    [InlineData("""{"metadata":{"finalizers":[{"a":1}]}}""", "a list merged as a set takes scalars")]
    [InlineData("""{"spec":{"$bogus":1}}""", "unknown directive $bogus")]
    [InlineData("""{"metadata":{"labels":{"$patch":1}}}""", "directive must be a string")]
    public void DirectiveMisuse_IsABadRequest(string patch, string message)
    {
        const string Live = """
            {"metadata":{"labels":{"a":"1"},"finalizers":["f"]},
             "spec":{"strategy":{"type":"RollingUpdate"},"template":{"spec":{"containers":[{"name":"app","image":"x"}]}}}}
            """;

        var error = Assert.Throws<StatusException>(() => Deployment(Live, patch));

        Assert.Equal(400, error.Code);
        Assert.Equal("BadRequest", error.Reason);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APatchThatIsNotAnObject_IsABadRequest()
    {
        var error = Assert.Throws<StatusException>(() => StrategicMergePatch.Apply(
            JsonNode.Parse("{}")!, JsonNode.Parse("[1]")!, PatchMetadata.For(typeof(V1Pod))));

        Assert.Equal(400, error.Code);
    }
}
