using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// Reads live objects with <c>kubectl get -o json</c> for whole-object comparisons. <c>metadata.managedFields</c> is
/// dropped: what it holds is another feature's concern, and these tests compare what a user wrote.
/// </summary>
public static class KubectlLiveObject
{
    /// <summary>GETs <paramref name="resource"/> (e.g. <c>deploy/web</c>) in <paramref name="ns"/>.</summary>
    public static async Task<JsonObject> GetAsync(KubectlRunner kubectl, string ns, string resource)
    {
        var json = (await kubectl.RunAsync("get", resource, "-n", ns, "-o", "json")).EnsureSuccess().Output;
        var obj = JsonNode.Parse(json)!.AsObject();
        (obj["metadata"] as JsonObject)?.Remove("managedFields");
        return obj;
    }

    /// <summary>Asserts that <paramref name="actual"/> is the JSON <paramref name="expected"/>, whatever the member order.</summary>
    public static void AssertJson(string expected, JsonNode? actual)
    {
        var want = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(want, actual), $"expected {want?.ToJsonString()}\n     got {actual?.ToJsonString()}");
    }

    /// <summary>Asserts that two reads of an object are the same object, resourceVersion included.</summary>
    public static void AssertSame(JsonNode before, JsonNode after) =>
        Assert.True(JsonNode.DeepEquals(before, after), $"the object changed:\nbefore {before.ToJsonString()}\n after {after.ToJsonString()}");
}
