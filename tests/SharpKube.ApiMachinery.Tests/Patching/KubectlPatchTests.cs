using System.Text.Json.Nodes;
using static SharpKube.ApiMachinery.Tests.Patching.SmpFixture;

namespace SharpKube.ApiMachinery.Tests.Patching;

/// <summary>Patches exactly as kubectl sends them (apply, edit, set image, cordon, pause).</summary>
public sealed class KubectlPatchTests
{
    private const string LastApplied =
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web","old":"x"},"name":"web","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"env":[{"name":"A","value":"1"}],"image":"nginx:1.25","name":"app","ports":[{"containerPort":80},{"containerPort":443}]}]}}}}""";

    private static readonly string Live = new JsonObject
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = "web",
            ["namespace"] = "default",
            ["generation"] = 1,
            ["labels"] = new JsonObject { ["app"] = "web", ["old"] = "x" },
            ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = LastApplied + "\n" },
        },
        ["spec"] = JsonNode.Parse("""
            {"replicas":1,"selector":{"matchLabels":{"app":"web"}},
             "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
             "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
               {"name":"app","image":"nginx:1.25","env":[{"name":"A","value":"1"}],
                "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP"}],
                "terminationMessagePath":"/dev/termination-log","imagePullPolicy":"IfNotPresent"},
               {"name":"injected-proxy","image":"proxy:1"}],
              "restartPolicy":"Always","dnsPolicy":"ClusterFirst"}}}
            """),
    }.ToJsonString();

    [Fact]
    public void TheReferenceApplyBody_ChangesTheImage_AndDropsThePorts()
    {
        var result = Deployment(Live, """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"image":"nginx:1.26","name":"app","ports":null}]}}}}
            """);

        var app = result["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("app", app["name"]!.GetValue<string>());
        Assert.Equal("nginx:1.26", app["image"]!.GetValue<string>());
        Assert.Null(app["ports"]);
        Assert.Equal("/dev/termination-log", app["terminationMessagePath"]!.GetValue<string>());
        Assert.Equal(["app", "injected-proxy"], StrategicListMergeTests.Names(result["spec"]!["template"]!["spec"]!["containers"]!));
    }

    [Fact]
    public void ThreeWayApplyPatch_RewritesTheAnnotationByteForByte_AndAppliesTheContainerChanges()
    {
        var newLastApplied = LastApplied
            .Replace("\"old\":\"x\"", "\"tier\":\"fe\"", StringComparison.Ordinal)
            .Replace("{\"name\":\"A\",\"value\":\"1\"}", "{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"2\"}", StringComparison.Ordinal)
            .Replace("nginx:1.25", "nginx:1.26", StringComparison.Ordinal)
            .Replace(",{\"containerPort\":443}", "", StringComparison.Ordinal) + "\n";
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = newLastApplied },
                ["labels"] = new JsonObject { ["old"] = null, ["tier"] = "fe" },
            },
            ["spec"] = JsonNode.Parse("""
                {"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[
                  {"$setElementOrder/env":[{"name":"A"},{"name":"B"}],"$setElementOrder/ports":[{"containerPort":80}],
                   "env":[{"name":"B","value":"2"}],"image":"nginx:1.26","name":"app",
                   "ports":[{"$patch":"delete","containerPort":443}]}]}}}
                """),
        };

        var result = Deployment(Live, patch.ToJsonString());

        Assert.Equal(
            newLastApplied,
            result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>());
        AssertJson("""{"app":"web","tier":"fe"}""", result["metadata"]!["labels"]!);
        var app = result["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.26", app["image"]!.GetValue<string>());
        AssertJson("""[{"name":"A","value":"1"},{"name":"B","value":"2"}]""", app["env"]!);
        AssertJson("""[{"containerPort":80,"protocol":"TCP"}]""", app["ports"]!);
        Assert.Equal("IfNotPresent", app["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal("injected-proxy", result["spec"]!["template"]!["spec"]!["containers"]![1]!["name"]!.GetValue<string>());
        AssertJson(
            """{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}""",
            result["spec"]!["strategy"]!);
    }

    [Fact]
    public void ThreeWayApplyPatch_RemovingAContainer_UsesPatchDelete()
    {
        var result = Deployment(Live, """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"$patch":"delete","name":"injected-proxy"}]}}}}
            """);

        Assert.Equal(["app"], StrategicListMergeTests.Names(result["spec"]!["template"]!["spec"]!["containers"]!));
    }

    [Fact]
    public void SetImage_Cordon_AndPause_Patches()
    {
        var image = Deployment(Live, """{"spec":{"template":{"spec":{"containers":[{"image":"nginx:1.27","name":"app"}]}}}}""");
        var paused = Deployment(Live, """{"spec":{"paused":true}}""");
        var resumed = Deployment(paused.ToJsonString(), """{"spec":{"paused":null}}""");
        var cordoned = Apply<k8s.Models.V1Node>("""{"metadata":{"name":"n"},"spec":{}}""", """{"spec":{"unschedulable":true}}""");

        Assert.Equal("nginx:1.27", image["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.True(paused["spec"]!["paused"]!.GetValue<bool>());
        Assert.Null(resumed["spec"]!["paused"]);
        AssertJson("""{"metadata":{"name":"n"},"spec":{"unschedulable":true}}""", cordoned);
    }

    [Fact]
    public void ControllerRevisionUndo_ReplacesTheWholeTemplate()
    {
        var result = Apply<k8s.Models.V1StatefulSet>(
            """{"spec":{"replicas":3,"template":{"metadata":{"labels":{"app":"db","extra":"y"}},"spec":{"containers":[{"name":"db","image":"pg:16"},{"name":"x","image":"x"}]}}}}""",
            """{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"pg:15"}]}}}}""");

        AssertJson(
            """{"spec":{"replicas":3,"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"pg:15"}]}}}}""",
            result);
    }

    [Fact]
    public void EditThatTypesReplicasAsText_MergesAsText_ButTheDecodedResultIsAnInvalidPatch()
    {
        // kubectl edit sends what the user typed; SMP itself does not know types, the decode into the typed object
        // after it does, and upstream answers with the patch printed as a Go map.
        const string Patch = """{"spec":{"replicas":"three"}}""";
        var merged = (JsonObject)Deployment(Live, Patch);

        var error = Assert.Throws<SharpKube.ApiMachinery.Errors.StatusException>(() =>
            SharpKube.ApiMachinery.TypedDecoding.ModelTypeCheck.CheckStrategicPatchedObject(merged, JsonNode.Parse(Patch), typeof(k8s.Models.V1Deployment)));

        Assert.Equal("three", merged["spec"]!["replicas"]!.GetValue<string>());
        Assert.Equal(422, error.Code);
        Assert.Equal(" \"\" is invalid: patch: Invalid value: \"map[spec:map[replicas:three]]\": unrecognized type: int32", error.Message);
    }
}
