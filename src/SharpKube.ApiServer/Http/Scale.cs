using System.Text.Json;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary>The <c>autoscaling/v1</c> Scale view of a workload (the <c>scale</c> subresource).</summary>
public static class Scale
{
    /// <summary>Builds the Scale of a workload object.</summary>
    public static JsonObject From(JsonObject obj)
    {
        var metadata = ObjectJson.Metadata(obj);
        var scaleMetadata = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (metadata[field] is { } value)
            {
                scaleMetadata[field] = value.DeepClone();
            }
        }
        var spec = obj["spec"] as JsonObject;
        var status = obj["status"] as JsonObject;
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMetadata,
            ["spec"] = new JsonObject { ["replicas"] = ObjectJson.GetInt64(spec, "replicas") ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = ObjectJson.GetInt64(status, "replicas") ?? 0,
                ["selector"] = SelectorText(spec?["selector"]),
            },
        };
    }

    /// <summary>
    /// Applies a desired Scale to the workload: sets <c>spec.replicas</c>, and carries the Scale's
    /// resourceVersion as the update's precondition.
    /// </summary>
    public static JsonObject ApplyTo(JsonObject workload, JsonObject scale, string kind)
    {
        var replicas = (scale["spec"] as JsonObject)?["replicas"];
        long value = 0;
        if (replicas is JsonValue v && !v.TryGetValue(out value))
        {
            throw StatusErrors.BadRequest("spec.replicas must be an integer");
        }
        if (value < 0)
        {
            var errors = new FieldErrorList();
            errors.Invalid("spec.replicas", value, "must be greater than or equal to 0");
            throw StatusErrors.Invalid("autoscaling", "Scale", ObjectJson.GetString(ObjectJson.Metadata(workload), "name") ?? "", errors);
        }
        var updated = (JsonObject)workload.DeepClone();
        var spec = updated["spec"] as JsonObject ?? (JsonObject)(updated["spec"] = new JsonObject());
        spec["replicas"] = value;
        var metadata = ObjectJson.Metadata(updated);
        if (ObjectJson.GetString(ObjectJson.Metadata(scale), "resourceVersion") is { Length: > 0 } rv)
        {
            metadata["resourceVersion"] = rv;
        }
        else
        {
            metadata.Remove("resourceVersion");
        }
        _ = kind;
        return updated;
    }

    private static string SelectorText(JsonNode? selector)
    {
        if (selector is null)
        {
            return "";
        }
        using var document = JsonDocument.Parse(selector.ToJsonString());
        var root = document.RootElement;
        // ReplicationControllers use a plain label map; apps/v1 workloads a metav1.LabelSelector.
        if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("matchLabels", out _) && !root.TryGetProperty("matchExpressions", out _))
        {
            return LabelSelector.FromSet(root.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? ""))).ToString();
        }
        try
        {
            return LabelSelector.FromLabelSelectorJson(root).ToString();
        }
        catch (SelectorParseException)
        {
            return "";
        }
    }
}
