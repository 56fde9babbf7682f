using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.Patching;

/// <summary>JSON Merge Patch (RFC 7386): objects merge recursively, <c>null</c> removes, everything else replaces.</summary>
public static class JsonMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/> and returns the result (which may be a new node).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }
            var merged = Apply(result[name], value);
            if (!ReferenceEquals(merged, result[name]))
            {
                if (merged?.Parent is not null)
                {
                    merged = merged.DeepClone();
                }
                result[name] = merged;
            }
        }
        return result;
    }
}
