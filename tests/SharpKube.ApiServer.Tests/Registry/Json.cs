using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiServer.Tests.Registry;

/// <summary>Builds JSON trees for strategy tests and compares them.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Asserts two JSON trees are equal, showing both when they are not.</summary>
    public static void Equal(string expected, JsonNode actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        if (!JsonNode.DeepEquals(expectedNode, actual))
        {
            Assert.Fail("JSON differs.\nExpected:\n" + expectedNode!.ToJsonString(Indented) + "\nActual:\n" + actual.ToJsonString(Indented));
        }
    }
}
