using static SharpKube.ApiMachinery.Tests.Patching.SmpFixture;

namespace SharpKube.ApiMachinery.Tests.Patching;

public sealed class StrategicListMergeTests
{
    private const string TwoContainers = """
        {"spec":{"containers":[
          {"name":"app","image":"nginx:1.25","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
           "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP"}]},
          {"name":"sidecar","image":"busybox"}]}}
        """;

    [Fact]
    public void Containers_MergeByName_TouchingOnlyTheNamedOne()
    {
        var result = Pod(TwoContainers, """{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}""");

        Assert.Equal("nginx:1.25", result["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("busybox:1.36", result["spec"]!["containers"]![1]!["image"]!.GetValue<string>());
        Assert.Equal(2, result["spec"]!["containers"]![0]!["env"]!.AsArray().Count);
    }

    [Fact]
    public void NewContainer_WithoutElementOrder_ComesFirst()
    {
        var result = Pod(TwoContainers, """{"spec":{"containers":[{"name":"debug","image":"alpine"}]}}""");

        Assert.Equal(["debug", "app", "sidecar"], Names(result["spec"]!["containers"]!));
    }

    [Fact]
    public void Env_AddsByName_AndRemovesWithPatchDelete()
    {
        var result = Pod(TwoContainers, """
            {"spec":{"containers":[{"name":"app","env":[{"name":"A","$patch":"delete"},{"name":"C","value":"3"},{"name":"B","value":"two"}]}]}}
            """);

        AssertJson("""[{"name":"C","value":"3"},{"name":"B","value":"two"}]""", result["spec"]!["containers"]![0]!["env"]!);
    }

    [Fact]
    public void Ports_AreRemovedWithNullOrPatchDelete()
    {
        var byNull = Pod(TwoContainers, """{"spec":{"containers":[{"name":"app","ports":null}]}}""");
        var byDelete = Pod(TwoContainers, """{"spec":{"containers":[{"name":"app","ports":[{"containerPort":443,"$patch":"delete"}]}]}}""");

        Assert.Null(byNull["spec"]!["containers"]![0]!["ports"]);
        AssertJson("""[{"containerPort":80,"protocol":"TCP"}]""", byDelete["spec"]!["containers"]![0]!["ports"]!);
    }

    [Fact]
    public void PatchReplace_InAMergedList_ReplacesTheList()
    {
        var result = Pod(TwoContainers, """
            {"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"x"},{"name":"app","$patch":"delete"}]}}
            """);

        AssertJson("""[{"name":"only","image":"x"}]""", result["spec"]!["containers"]!);
    }

    [Fact]
    public void Tolerations_AreAtomic_AndReplaced()
    {
        var result = Pod(
            """{"spec":{"tolerations":[{"key":"a","operator":"Exists"},{"key":"b","operator":"Exists"}]}}""",
            """{"spec":{"tolerations":[{"key":"c","operator":"Exists"}]}}""");

        AssertJson("""{"spec":{"tolerations":[{"key":"c","operator":"Exists"}]}}""", result);
    }

    [Fact]
    public void AtomicLists_IgnoreOrderingDirectives_AndStillTakeThePatch()
    {
        var ordered = Pod("""{"spec":{"tolerations":[{"key":"a"},{"key":"b"}]}}""", """{"spec":{"$setElementOrder/tolerations":[{"key":"b"}]}}""");
        var replaced = Pod(
            """{"spec":{"tolerations":[{"key":"a"}]}}""",
            """{"spec":{"$setElementOrder/tolerations":[{"key":"c"}],"tolerations":[{"key":"c"}]}}""");

        AssertJson("""{"spec":{"tolerations":[{"key":"a"},{"key":"b"}]}}""", ordered);
        AssertJson("""{"spec":{"tolerations":[{"key":"c"}]}}""", replaced);
    }

    [Fact]
    public void Finalizers_AreAUnion()
    {
        var result = Pod("""{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"finalizers":["b","c"]}}""");

        AssertJson("""{"metadata":{"finalizers":["a","b","c"]}}""", result);
    }

    [Fact]
    public void PatchReplace_InAPrimitiveSet_ReplacesTheSet()
    {
        var result = Pod("""{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"finalizers":[{"$patch":"replace"},"c"]}}""");

        AssertJson("""{"metadata":{"finalizers":["c"]}}""", result);
    }

    [Fact]
    public void Finalizers_DeleteFromPrimitiveList_RemovesValues()
    {
        var result = Pod(
            """{"metadata":{"finalizers":["a","b","c"]}}""",
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}""");

        AssertJson("""{"metadata":{"finalizers":["a","c"]}}""", result);
    }

    [Fact]
    public void Finalizers_SetElementOrder_ReordersThePrimitiveList()
    {
        var result = Pod(
            """{"metadata":{"finalizers":["a","b"]}}""",
            """{"metadata":{"$setElementOrder/finalizers":["c","b","a"],"finalizers":["c"]}}""");

        AssertJson("""{"metadata":{"finalizers":["c","b","a"]}}""", result);
    }

    [Fact]
    public void ServicePorts_MergeByPort()
    {
        var result = SmpFixture.Apply<k8s.Models.V1Service>(
            """{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443,"targetPort":8443}]}}""",
            """{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""");

        AssertJson("""{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443,"targetPort":8443}]}}""", result);
    }

    [Fact]
    public void Conditions_MergeByType()
    {
        var result = Pod(
            """{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"Initialized","status":"True"}]}}""",
            """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""");

        AssertJson("""{"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Initialized","status":"True"}]}}""", result);
    }

    internal static string[] Names(System.Text.Json.Nodes.JsonNode list) =>
        list.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();
}
