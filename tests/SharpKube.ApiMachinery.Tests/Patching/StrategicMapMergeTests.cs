using System.Text.Json.Nodes;
using k8s.Models;
using SharpKube.ApiMachinery.Patching.Metadata;
using SharpKube.ApiMachinery.Patching.Strategic;
using static SharpKube.ApiMachinery.Tests.Patching.SmpFixture;

namespace SharpKube.ApiMachinery.Tests.Patching;

public sealed class StrategicMapMergeTests
{
    [Fact]
    public void Labels_MergeKeyByKey_AndNullDeletesOne()
    {
        var result = Pod(
            """{"metadata":{"name":"p","labels":{"app":"web","tier":"fe","old":"x"}}}""",
            """{"metadata":{"labels":{"tier":"be","old":null,"new":"y"}}}""");

        AssertJson("""{"metadata":{"name":"p","labels":{"app":"web","tier":"be","new":"y"}}}""", result);
    }

    [Fact]
    public void NullForAMissingField_ChangesNothing()
    {
        var result = Pod("""{"spec":{"nodeName":"n1"}}""", """{"spec":{"hostname":null}}""");

        AssertJson("""{"spec":{"nodeName":"n1"}}""", result);
    }

    [Fact]
    public void NodeSelector_MergesKeyByKey_LikeUpstreamStrategicMergePatch()
    {
        // +mapType=atomic only matters to server-side apply; strategic merge patch still merges the map.
        var result = Pod("""{"spec":{"nodeSelector":{"a":"1"}}}""", """{"spec":{"nodeSelector":{"b":"2"}}}""");

        AssertJson("""{"spec":{"nodeSelector":{"a":"1","b":"2"}}}""", result);
    }

    [Fact]
    public void PatchReplace_OnAMap_ReplacesIt()
    {
        var result = Pod(
            """{"metadata":{"labels":{"app":"web","tier":"fe"}}}""",
            """{"metadata":{"labels":{"$patch":"replace","only":"this"}}}""");

        AssertJson("""{"metadata":{"labels":{"only":"this"}}}""", result);
    }

    [Fact]
    public void PatchDelete_OnAMap_EmptiesIt()
    {
        var result = Pod(
            """{"metadata":{"annotations":{"a":"1"},"labels":{"b":"2"}}}""",
            """{"metadata":{"annotations":{"$patch":"delete"}}}""");

        AssertJson("""{"metadata":{"annotations":{},"labels":{"b":"2"}}}""", result);
    }

    [Fact]
    public void PatchMerge_IsTheDefault()
    {
        var result = Pod("""{"metadata":{"labels":{"a":"1"}}}""", """{"metadata":{"labels":{"$patch":"merge","b":"2"}}}""");

        AssertJson("""{"metadata":{"labels":{"a":"1","b":"2"}}}""", result);
    }

    [Fact]
    public void RolloutRestartPatch_AddsTheTemplateAnnotation()
    {
        var result = Deployment(
            """{"spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web"}}}}}""",
            """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}}}}}""");

        AssertJson(
            """{"spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web"},"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}}}}}""",
            result);
    }

    [Fact]
    public void Apply_DoesNotModifyItsInputs()
    {
        var original = JsonNode.Parse("""{"metadata":{"labels":{"a":"1"}},"spec":{"containers":[{"name":"c","image":"x"}]}}""")!;
        var patch = JsonNode.Parse("""{"metadata":{"labels":{"a":null}},"spec":{"containers":[{"name":"c","image":"y"}]}}""")!;
        var originalText = original.ToJsonString();
        var patchText = patch.ToJsonString();

        var result = StrategicMergePatch.Apply(original, patch, PatchMetadata.For(typeof(V1Pod)));

        Assert.Equal(originalText, original.ToJsonString());
        Assert.Equal(patchText, patch.ToJsonString());
        AssertJson("""{"metadata":{"labels":{}},"spec":{"containers":[{"name":"c","image":"y"}]}}""", result);
    }

    [Fact]
    public void NewNestedObjects_LoseNullsAndDirectives()
    {
        var result = Pod("""{"spec":{}}""", """{"spec":{"securityContext":{"runAsUser":1000,"fsGroup":null,"$patch":"merge"}}}""");

        AssertJson("""{"spec":{"securityContext":{"runAsUser":1000}}}""", result);
    }

    [Fact]
    public void UnknownFields_MergeObjectsAndReplaceLists()
    {
        var result = Pod(
            """{"spec":{"x-custom":{"a":1,"list":[1,2]}}}""",
            """{"spec":{"x-custom":{"b":2,"list":[3]}}}""");

        AssertJson("""{"spec":{"x-custom":{"a":1,"list":[3],"b":2}}}""", result);
    }
}
