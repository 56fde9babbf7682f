using System.Text.Json.Nodes;
using k8s.Models;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.TypedDecoding;

namespace SharpKube.ApiMachinery.Tests.TypedDecoding;

public sealed class ModelTypeCheckTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":1}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{
                   "imagePullSecrets":[{"name":"pull"}],
                   "containers":[{"name":"app","image":"nginx","command":["sleep","1"],
                     "env":[{"name":"A","value":"1"}],"ports":[{"containerPort":80}],
                     "resources":{"limits":{"cpu":"500m","memory":1073741824}}}]}}}}
        """;

    [Fact]
    public void AWellTypedDeployment_PassesEveryCheck()
    {
        ModelTypeCheck.CheckBody(Parse(Deployment), typeof(V1Deployment), "Deployment", "v1");
        ModelTypeCheck.CheckPatchedObject(Parse(Deployment), typeof(V1Deployment));
        ModelTypeCheck.CheckStrategicPatchedObject(Parse(Deployment), JsonNode.Parse("{}"), typeof(V1Deployment));
    }

    [Theory]
    [InlineData("/spec/replicas", "\"two\"", "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("/spec/replicas", "1.5", "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("/spec/replicas", "99999999999", "json: cannot unmarshal number 99999999999 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("/spec/template/spec/containers/0/env/0/value", "1", "json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string")]
    [InlineData("/spec/template/spec/containers/0/env/0/value", "true", "json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string")]
    [InlineData("/spec/template/spec/imagePullSecrets/0", "\"pull\"", "json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.imagePullSecrets of type v1.LocalObjectReference")]
    [InlineData("/metadata/labels/app", "1", "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")]
    [InlineData("/spec/template/spec/containers", "{}", "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container")]
    [InlineData("/spec/template/spec/containers/0/command", "\"sleep 1\"", "json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.command of type []string")]
    [InlineData("/spec/selector/matchLabels", "[]", "json: cannot unmarshal array into Go struct field LabelSelector.spec.selector.matchLabels of type map[string]string")]
    [InlineData("/spec", "\"x\"", "json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec")]
    [InlineData("/spec/strategy/rollingUpdate/maxSurge", "true", "json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32")]
    [InlineData("/spec/strategy/rollingUpdate/maxSurge", "1.5", "json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32")]
    [InlineData("/spec/template/spec/containers/0/resources/limits/cpu", "\"abc\"", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("/spec/template/spec/containers/0/resources/limits/cpu", "\"1mm\"", "unable to parse quantity's suffix")]
    [InlineData("/spec/template/spec/containers/0/resources/limits/cpu", "true", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    public void CheckBody_AValueOfTheWrongType_IsABadRequestWithTheJsonDecodersMessage(string pointer, string value, string expected)
    {
        var body = With(Deployment, pointer, value);

        var error = Assert.Throws<StatusException>(() => ModelTypeCheck.CheckBody(body, typeof(V1Deployment), "Deployment", "v1"));

        Assert.Equal(400, error.Code);
        Assert.Equal("BadRequest", error.Reason);
        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: " + expected, error.Message);
    }

    [Fact]
    public void CheckPatchedObject_IsAnInvalidPatch_NamingThePatchedObject()
    {
        var patched = With("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"x"}}""", "/data/a", "1");

        var error = Assert.Throws<StatusException>(() => ModelTypeCheck.CheckPatchedObject(patched, typeof(V1ConfigMap)));

        Assert.Equal(422, error.Code);
        Assert.Equal("Invalid", error.Reason);
        Assert.Equal(
            """ "" is invalid: patch: Invalid value: "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":1}}": json: cannot unmarshal number into Go struct field ConfigMap.data of type string""",
            error.Message);
        var cause = Assert.Single(error.Details!.Causes);
        Assert.Equal(("FieldValueInvalid", "patch"), (cause.Reason, cause.Field));
    }

    [Theory]
    [InlineData("""{"spec":{"replicas":"abc"}}""", "\"map[spec:map[replicas:abc]]\": unrecognized type: int32")]
    [InlineData("""{"spec":{"replicas":1.5}}""", "\"map[spec:map[replicas:1.5]]\": cannot convert float64 to int32")]
    [InlineData("""{"metadata":{"labels":{"n":1}}}""", "\"map[metadata:map[labels:map[n:1]]]\": cannot convert int64 to string")]
    [InlineData("""{"metadata":{"labels":{"n":true}}}""", "\"map[metadata:map[labels:map[n:true]]]\": unrecognized type: string")]
    [InlineData("""{"spec":{"template":"x"}}""", "\"map[spec:map[template:x]]\": cannot restore struct from: string")]
    [InlineData("""{"spec":{"selector":{"matchLabels":[1]}}}""", "\"map[spec:map[selector:map[matchLabels:[1]]]]\": cannot restore map from slice")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"app","command":"sleep"}]}}}}""", "\"map[spec:map[template:map[spec:map[containers:[map[command:sleep name:app]]]]]]\": cannot restore slice from string")]
    [InlineData("""{"spec":{"strategy":{"rollingUpdate":{"maxSurge":true}}}}""", "\"map[spec:map[strategy:map[rollingUpdate:map[maxSurge:true]]]]\": json: cannot unmarshal bool into Go value of type int32")]
    [InlineData("""{"spec":{"replicas":null,"paused":"yes"}}""", "\"map[spec:map[paused:yes replicas:<nil>]]\": unrecognized type: bool")]
    public void CheckStrategicPatchedObject_IsAnInvalidPatch_NamingThePatchAsGoPrintsIt(string patch, string expected)
    {
        var patchNode = JsonNode.Parse(patch)!;
        var patched = (JsonObject)Patching.SmpFixture.Deployment(Deployment, patch);

        var error = Assert.Throws<StatusException>(() => ModelTypeCheck.CheckStrategicPatchedObject(patched, patchNode, typeof(V1Deployment)));

        Assert.Equal(422, error.Code);
        Assert.Equal(" \"\" is invalid: patch: Invalid value: " + expected, error.Message);
    }

    [Fact]
    public void CheckStrategicPatchedObject_StoresWholeFloatsInIntegerFields_AsIntegers()
    {
        // The converter takes 3.0 for an int32 and the typed object is written back as 3.
        const string Patch = """{"spec":{"replicas":3.0,"strategy":{"rollingUpdate":{"maxSurge":2.0}}}}""";
        var patched = (JsonObject)Patching.SmpFixture.Deployment(Deployment, Patch);

        ModelTypeCheck.CheckStrategicPatchedObject(patched, JsonNode.Parse(Patch), typeof(V1Deployment));

        Assert.Equal("3", patched["spec"]!["replicas"]!.ToJsonString());
        Assert.Equal("2", patched["spec"]!["strategy"]!["rollingUpdate"]!["maxSurge"]!.ToJsonString());
    }

    [Fact]
    public void CheckPatchedObject_RefusesAWholeFloatForAnInteger_AsTheJsonDecoderDoes()
    {
        var error = Assert.Throws<StatusException>(() =>
            ModelTypeCheck.CheckPatchedObject(With(Deployment, "/spec/replicas", "3.0"), typeof(V1Deployment)));

        Assert.EndsWith("json: cannot unmarshal number 3.0 into Go struct field DeploymentSpec.spec.replicas of type int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantities_AreStoredInCanonicalForm_AsStrings()
    {
        var body = With(With(With(Deployment, "/spec/template/spec/containers/0/resources/limits/cpu", "0.5").ToJsonString(),
            "/spec/template/spec/containers/0/resources/limits/memory", "\"1.5Gi\"").ToJsonString(),
            "/spec/template/spec/containers/0/resources/requests", """{"cpu":"1000m","memory":1073741824,"ephemeral-storage":"-1.5"}""");

        ModelTypeCheck.CheckBody(body, typeof(V1Deployment), "Deployment", "v1");

        Assert.Equal(
            """{"limits":{"cpu":"500m","memory":"1536Mi"},"requests":{"cpu":"1","memory":"1073741824","ephemeral-storage":"-1500m"}}""",
            body["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!.ToJsonString());
    }

    [Fact]
    public void NullAndUnknownFields_AreNotTypeErrors()
    {
        var body = With(With(Deployment, "/spec/replicas", "null").ToJsonString(), "/spec/unknownField", "[1,2]");

        ModelTypeCheck.CheckBody(body, typeof(V1Deployment), "Deployment", "v1");
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary><paramref name="json"/> with the value at a JSON pointer replaced (or added) by <paramref name="value"/>.</summary>
    private static JsonObject With(string json, string pointer, string value)
    {
        var root = Parse(json);
        var segments = pointer.Trim('/').Split('/');
        JsonNode parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = int.TryParse(segment, out var index) ? parent[index]! : parent[segment]!;
        }
        var last = segments[^1];
        if (parent is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = JsonNode.Parse(value);
        }
        else
        {
            parent[last] = JsonNode.Parse(value);
        }
        return root;
    }
}
