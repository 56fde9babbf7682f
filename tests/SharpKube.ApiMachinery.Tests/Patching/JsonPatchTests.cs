using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Patching;

namespace SharpKube.ApiMachinery.Tests.Patching;

public sealed class JsonPatchTests
{
    // RFC 6902 Appendix A, each example as given there.
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""",
        """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""",
        """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    public void Apply_RfcAppendixExamples_ProduceTheDocumentedResult(string document, string patch, string expected) =>
        AssertApplies(document, patch, expected);

    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""")]
    public void Apply_RfcAppendixErrors_Fail(string document, string patch) =>
        AssertFails(document, patch, JsonPatchFailure.OperationFailed);

    [Theory]
    [InlineData("""{"a":{"b~c/d":1}}""", """[{"op":"replace","path":"/a/b~0c~1d","value":2}]""", """{"a":{"b~c/d":2}}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"remove","path":"/a/-1"}]""", """{"a":[1,2]}""")]
    [InlineData("""{"a":[1,2,3]}""", """[{"op":"replace","path":"/a/0","value":9}]""", """{"a":[9,2,3]}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/2","value":3}]""", """{"a":[1,2,3]}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":1},"c":{"b":1}}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""", """{"b":2}""")]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"","value":{"a":1.0}}]""", """{"a":1}""")]
    [InlineData("""{"a":{"x":1,"y":[1,{"z":null}]}}""", """[{"op":"test","path":"/a","value":{"y":[1,{"z":null}],"x":1}}]""",
        """{"a":{"x":1,"y":[1,{"z":null}]}}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a","value":null}]""", """{"a":null}""")]
    [InlineData("""{"a":1}""", "[]", """{"a":1}""")]
    [InlineData("""{"a":1}""", "null", """{"a":1}""")]
    public void Apply_PointerEscapesIndicesAndWholeDocument_Work(string document, string patch, string expected) =>
        AssertApplies(document, patch, expected);

    [Theory]
    [InlineData("""{"metadata":{"name":"x"}}""", """[{"op":"replace","path":"/metadata/annotations","value":{"a":"b"}}]""",
        """{"metadata":{"name":"x","annotations":{"a":"b"}}}""")]
    [InlineData("""{"metadata":{}}""", """[{"op":"test","path":"/metadata/missing","value":null}]""", """{"metadata":{}}""")]
    public void Apply_WhereUpstreamIsLenient_FollowsUpstream(string document, string patch, string expected) =>
        AssertApplies(document, patch, expected);

    [Theory]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":"/b"}]""")]
    [InlineData("""{"a":[1]}""", """[{"op":"remove","path":"/a/1"}]""")]
    [InlineData("""{"a":[1]}""", """[{"op":"replace","path":"/a/1","value":2}]""")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/3","value":2}]""")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/x","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/b/c","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"a","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/~2","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"frobnicate","path":"/a"}]""")]
    [InlineData("""{"a":1}""", """[{"path":"/a"}]""")]
    [InlineData("""{"a":1}""", "[null]")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"copy","from":"/b","path":"/c"}]""")]
    [InlineData("""{"a":[1]}""", """[{"op":"test","path":"/a/5","value":null}]""")]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/b","value":1}]""")]
    public void Apply_OperationThatDoesNotApply_FailsAsOperationFailed(string document, string patch) =>
        AssertFails(document, patch, JsonPatchFailure.OperationFailed);

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":1}""", "json: cannot unmarshal object into Go value of type jsonpatch.Patch")]
    [InlineData("\"x\"", "json: cannot unmarshal string into Go value of type jsonpatch.Patch")]
    [InlineData("[1]", "json: cannot unmarshal number into Go value of type jsonpatch.Operation")]
    public void Apply_PatchThatIsNotAnArrayOfObjects_IsMalformed(string patch, string message)
    {
        var error = AssertFails("{}", patch, JsonPatchFailure.MalformedPatch);

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Apply_MoreThanTheMaximumOperations_IsRefused()
    {
        var patch = new JsonArray();
        for (var i = 0; i <= JsonPatch.MaxOperations; i++)
        {
            patch.Add(new JsonObject { ["op"] = "test", ["path"] = "/a", ["value"] = 1 });
        }

        var error = Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(JsonNode.Parse("""{"a":1}"""), patch));

        Assert.Equal(JsonPatchFailure.TooManyOperations, error.Failure);
        Assert.Equal("The allowed maximum operations in a JSON patch is 10000, got 10001", error.Message);
    }

    [Fact]
    public void Apply_WhenALaterOperationFails_LeavesTheDocumentUnchanged()
    {
        var document = JsonNode.Parse("""{"a":1,"b":[1,2]}""");
        var patch = JsonNode.Parse("""[{"op":"replace","path":"/a","value":2},{"op":"remove","path":"/b/0"},{"op":"test","path":"/a","value":3}]""");

        Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(document, patch));

        Assert.Equal("""{"a":1,"b":[1,2]}""", document!.ToJsonString());
    }

    [Fact]
    public void Apply_ValueTakenFromThePatch_IsNotSharedWithThePatch()
    {
        var patch = JsonNode.Parse("""[{"op":"add","path":"/a","value":{"x":1}},{"op":"add","path":"/b","value":{"x":1}}]""");

        var result = JsonPatch.Apply(JsonNode.Parse("{}"), patch)!;
        result["a"]!["x"] = 2;

        Assert.Equal("""{"a":{"x":2},"b":{"x":1}}""", result.ToJsonString());
        Assert.Equal(1, patch![0]!["value"]!["x"]!.GetValue<int>());
    }

    private static void AssertApplies(string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), $"expected {expected}, got {result?.ToJsonString()}");
    }

    private static JsonPatchException AssertFails(string document, string patch, JsonPatchFailure failure)
    {
        var error = Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)));
        Assert.Equal(failure, error.Failure);
        return error;
    }
}
