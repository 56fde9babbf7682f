using System.Text.Json.Nodes;
using k8s.Models;
using SharpKube.ApiMachinery.Patching.Metadata;
using SharpKube.ApiMachinery.Patching.Strategic;

namespace SharpKube.ApiMachinery.Tests.Patching;

/// <summary>Applies strategic merge patches written as JSON text and compares results as JSON.</summary>
internal static class SmpFixture
{
    public static JsonNode Apply<TModel>(string original, string patch) =>
        StrategicMergePatch.Apply(JsonNode.Parse(original)!, JsonNode.Parse(patch)!, PatchMetadata.For(typeof(TModel)));

    public static JsonNode Deployment(string original, string patch) => Apply<V1Deployment>(original, patch);

    public static JsonNode Pod(string original, string patch) => Apply<V1Pod>(original, patch);

    public static void AssertJson(string expected, JsonNode actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), actual.ToJsonString());
}
