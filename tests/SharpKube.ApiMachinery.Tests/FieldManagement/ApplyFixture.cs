using System.Text.Json.Nodes;
using k8s.Models;
using SharpKube.ApiMachinery.FieldManagement;
using SharpKube.ApiMachinery.Patching.Metadata;

namespace SharpKube.ApiMachinery.Tests.FieldManagement;

/// <summary>Shared helpers: Deployment scopes, a fixed clock, and managedFields lookups.</summary>
internal static class ApplyFixture
{
    public static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static FieldOwnershipScope Deployments { get; } = new(PatchMetadata.For(typeof(V1Deployment)), "apps/v1",
        Ignored: FieldOwnershipScope.Build(["f:status"]));

    public static FieldOwnershipScope ConfigMaps { get; } = new(PatchMetadata.For(typeof(V1ConfigMap)), "v1");

    public static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    public static JsonObject Deployment(string image = "nginx:1.27", int replicas = 2, string extra = "") => Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
         "spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"containers":[{"name":"app","image":"IMAGE","ports":[{"containerPort":80}]EXTRA}]}}}}
        """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("IMAGE", image, StringComparison.Ordinal).Replace("EXTRA", extra, StringComparison.Ordinal));

    public static JsonObject Entry(JsonObject obj, string manager, string operation = "Apply") =>
        obj["metadata"]!["managedFields"]!.AsArray().OfType<JsonObject>()
            .Single(e => (string?)e["manager"] == manager && (string?)e["operation"] == operation);

    public static IReadOnlyList<string> Managers(JsonObject obj) =>
        obj["metadata"]!["managedFields"] is JsonArray entries
            ? entries.Select(e => $"{e!["manager"]}/{e["operation"]}").ToList()
            : [];

    public static JsonNode? At(JsonObject obj, string dotted)
    {
        JsonNode? node = obj;
        foreach (var part in dotted.Split('.'))
        {
            node = int.TryParse(part, out var index) ? node?.AsArray()[index] : node?[part];
        }
        return node;
    }
}
