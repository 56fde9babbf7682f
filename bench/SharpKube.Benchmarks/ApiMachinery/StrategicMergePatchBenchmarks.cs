using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using k8s.Models;
using SharpKube.ApiMachinery.Patching;
using SharpKube.ApiMachinery.Patching.Metadata;
using SharpKube.ApiMachinery.Patching.Strategic;

namespace SharpKube.Benchmarks.ApiMachinery;

/// <summary>
/// Applying a PATCH to a Deployment with 50 containers, as the API server does for <c>kubectl apply</c>
/// (strategic merge patch driven by the patch-metadata table) and for merge-patch clients. Each operation starts from
/// a private copy of the stored object: strategic merge patch copies it itself, the merge patch benchmark copies it
/// first, as the server hands the patch engines a fresh copy of the current object.
/// </summary>
[MemoryDiagnoser]
public class StrategicMergePatchBenchmarks
{
    private const int Containers = 50;

    private readonly PatchSchema _schema = PatchMetadata.For(typeof(V1Deployment));
    private JsonObject _deployment = null!;
    private JsonObject _setImagePatch = null!;
    private JsonObject _addEnvPatch = null!;
    private JsonObject _mergePatch = null!;

    /// <summary>Builds the deployment and the three patches.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _deployment = Deployment();
        _setImagePatch = BuildSetImagePatch();
        _addEnvPatch = BuildAddEnvPatch();
        _mergePatch = BuildMergePatch();
        // Measure patches that do what they say: a wrong merge key would make these append or replace instead.
        Check(SetOneImage(), c => c.Count == Containers && (string?)c[Containers / 2]!["image"] == $"registry.example/app-{Containers / 2}:1.26");
        Check(AddEnvToEveryContainer(), c => c.Count == Containers && c.All(x => x!["env"]!.AsArray().Count == 3));
        Check(MergePatchOfOneImage()!, c => c.Count == Containers && (string?)c[Containers / 2]!["image"] == $"registry.example/app-{Containers / 2}:1.26");
    }

    /// <summary>kubectl apply of one changed image: <c>$setElementOrder/containers</c> names all 50, one container changes.</summary>
    [Benchmark(Baseline = true)]
    public JsonNode SetOneImage() => StrategicMergePatch.Apply(_deployment, _setImagePatch, _schema);

    /// <summary>An env var added to every container: 50 merges by name, each appending to a list merged by name.</summary>
    [Benchmark]
    public JsonNode AddEnvToEveryContainer() => StrategicMergePatch.Apply(_deployment, _addEnvPatch, _schema);

    /// <summary>The same image change as a JSON merge patch, which must carry the whole 50-container list.</summary>
    [Benchmark]
    public JsonNode? MergePatchOfOneImage() => JsonMergePatch.Apply(_deployment.DeepClone(), _mergePatch);

    private static void Check(JsonNode patched, Func<JsonArray, bool> containersAreRight)
    {
        if (!containersAreRight(patched["spec"]!["template"]!["spec"]!["containers"]!.AsArray()))
        {
            throw new InvalidOperationException("The patch did not produce the expected containers.");
        }
    }

    private static JsonObject Deployment() => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = "web",
            ["namespace"] = "default",
            ["labels"] = new JsonObject { ["app"] = "web" },
            ["resourceVersion"] = "42",
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 3,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray([.. Enumerable.Range(0, Containers).Select(i => Container(i, "1.25"))]) },
            },
        },
    };

    private static JsonNode Container(int index, string tag) => new JsonObject
    {
        ["name"] = Name(index),
        ["image"] = $"registry.example/app-{index}:{tag}",
        ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8000 + index, ["protocol"] = "TCP" }),
        ["env"] = new JsonArray(
            new JsonObject { ["name"] = "INDEX", ["value"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new JsonObject { ["name"] = "MODE", ["value"] = "production" }),
        ["resources"] = new JsonObject
        {
            ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
            ["limits"] = new JsonObject { ["memory"] = "256Mi" },
        },
        ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "data", ["mountPath"] = $"/data/{index}" }),
    };

    private static string Name(int index) => $"app-{index:D2}";

    private static JsonObject TemplateSpecPatch(JsonObject podSpec) => new()
    {
        ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = podSpec } },
    };

    private static JsonObject BuildSetImagePatch() => TemplateSpecPatch(new JsonObject
    {
        ["$setElementOrder/containers"] = new JsonArray([.. Enumerable.Range(0, Containers).Select(i => new JsonObject { ["name"] = Name(i) })]),
        ["containers"] = new JsonArray(new JsonObject { ["name"] = Name(Containers / 2), ["image"] = $"registry.example/app-{Containers / 2}:1.26" }),
    });

    private static JsonObject BuildAddEnvPatch() => TemplateSpecPatch(new JsonObject
    {
        ["containers"] = new JsonArray([.. Enumerable.Range(0, Containers).Select(i => new JsonObject
        {
            ["name"] = Name(i),
            ["env"] = new JsonArray(new JsonObject { ["name"] = "TRACE", ["value"] = "1" }),
        })]),
    });

    private static JsonObject BuildMergePatch() => TemplateSpecPatch(new JsonObject
    {
        ["containers"] = new JsonArray([.. Enumerable.Range(0, Containers).Select(i => Container(i, i == Containers / 2 ? "1.26" : "1.25"))]),
    });
}
