using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using k8s.Models;
using SharpKube.ApiMachinery.FieldManagement;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.Benchmarks.ApiMachinery;

/// <summary>
/// Field management on a 50-container Deployment: a re-apply that changes one image (merge, prune, conflict check
/// and managedFields), an apply that creates, and the managedFields bookkeeping every update pays (a change of one
/// image credited to an Update manager).
/// </summary>
[MemoryDiagnoser]
public class ServerSideApplyBenchmarks
{
    private const int Containers = 50;
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly FieldOwnershipScope Scope = new(PatchMetadata.For(typeof(V1Deployment)), "apps/v1",
        Ignored: FieldOwnershipScope.Build(["f:status"]));

    private JsonObject _applied = null!;
    private JsonObject _config = null!;
    private JsonObject _updated = null!;

    [GlobalSetup]
    public void Setup()
    {
        _applied = FieldManager.Apply(null, Deployment("1.27"), "kubectl", false, Scope, Now);
        _config = Deployment("1.27", changedContainer: 25);
        _updated = (JsonObject)_applied.DeepClone();
        _updated["spec"]!["template"]!["spec"]!["containers"]![25]!["image"] = "registry.example.com/app-25:1.28";
    }

    [Benchmark]
    public JsonObject ReapplyChangingOneImage() => FieldManager.Apply(_applied, _config, "kubectl", false, Scope, Now);

    [Benchmark]
    public JsonObject ApplyCreating() => FieldManager.Apply(null, _config, "kubectl", false, Scope, Now);

    [Benchmark]
    public JsonObject RecordUpdateOfOneImage()
    {
        var updated = (JsonObject)_updated.DeepClone();
        FieldManager.RecordUpdate(_applied, updated, "kubectl-set", Scope, Now);
        return updated;
    }

    [Benchmark(Baseline = true)]
    public JsonObject DeepCloneOnly() => (JsonObject)_updated.DeepClone();

    private static JsonObject Deployment(string version, int changedContainer = -1)
    {
        var containers = new JsonArray();
        for (var i = 0; i < Containers; i++)
        {
            containers.Add(new JsonObject
            {
                ["name"] = $"app-{i}",
                ["image"] = $"registry.example.com/app-{i}:{(i == changedContainer ? "1.28" : version)}",
                ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8000 + i, ["name"] = $"http-{i}" }),
                ["env"] = new JsonArray(
                    new JsonObject { ["name"] = "MODE", ["value"] = "production" },
                    new JsonObject { ["name"] = "INDEX", ["value"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
            });
        }
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "big", ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = "big" } },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 3,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "big" } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "big" } },
                    ["spec"] = new JsonObject { ["containers"] = containers },
                },
            },
        };
    }
}
