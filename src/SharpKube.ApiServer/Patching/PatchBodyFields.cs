using System.Text.Json.Nodes;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Patching;

/// <summary>
/// The strict decoding errors of a PATCH body itself, worded as upstream: for a JSON patch, members an operation
/// does not have (<c>json patch unknown field "[0].foo"</c>) and members an operation repeats
/// (<c>json patch duplicate field "[1].path"</c>), operation by operation; for a merge or strategic merge patch,
/// every repeated key of the document (<c>duplicate field "spec.paused"</c>) in document order. Repeated keys inside
/// a JSON patch operation's <c>value</c> are not reported, as upstream's JSON patch library drops them.
/// </summary>
public static class PatchBodyFields
{
    /// <summary>The errors of <paramref name="patch"/>'s body, in the order upstream reports them.</summary>
    public static List<string> Find(PatchRequest patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return patch.Type switch
        {
            PatchType.Json => JsonPatchErrors(patch),
            PatchType.Merge or PatchType.StrategicMerge => StrictJsonFields.Find(patch.Body, modelType: null),
            _ => [],
        };
    }

    private static List<string> JsonPatchErrors(PatchRequest patch)
    {
        var errors = new List<string>();
        if (patch.Document is not JsonArray operations)
        {
            return errors;
        }
        var duplicates = new List<string>();
        JsonTreeReader.Parse(patch.Body, duplicates);
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                continue;
            }
            var prefix = $"[{i}].";
            errors.AddRange(operation.Select(m => m.Key).Where(k => k is not ("op" or "path" or "from" or "value"))
                .Select(k => $"json patch unknown field \"{prefix}{k}\""));
            errors.AddRange(duplicates
                .Where(d => d.StartsWith(prefix, StringComparison.Ordinal) && d.AsSpan(prefix.Length).IndexOfAny('.', '[') < 0)
                .Distinct(StringComparer.Ordinal)
                .Select(d => $"json patch duplicate field \"{d}\""));
        }
        return errors;
    }
}
