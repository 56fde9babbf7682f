using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Http;

/// <summary>Content negotiation: which of the client's Accept entries we answer, and which request bodies we read.</summary>
public static class MediaTypes
{
    /// <summary>JSON.</summary>
    public const string Json = "application/json";

    /// <summary>YAML request bodies.</summary>
    public const string Yaml = "application/yaml";

    /// <summary>Kubernetes protobuf.</summary>
    public const string Protobuf = "application/vnd.kubernetes.protobuf";

    /// <summary>JSON merge patch (RFC 7386).</summary>
    public const string MergePatch = "application/merge-patch+json";

    /// <summary>JSON patch (RFC 6902).</summary>
    public const string JsonPatch = "application/json-patch+json";

    /// <summary>Strategic merge patch.</summary>
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";

    /// <summary>Server-side apply.</summary>
    public const string ApplyPatch = "application/apply-patch+yaml";

    /// <summary>
    /// Picks the response format from an Accept header: the first entry we can produce wins
    /// (a meta.k8s.io Table, JSON, or a wildcard); protobuf entries are skipped because we answer in JSON.
    /// </summary>
    public static ResponseFormat Negotiate(string? accept, string? includeObject)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ResponseFormat.Json;
        }
        var sawUnsupported = false;
        foreach (var entry in accept.Split(','))
        {
            var parts = entry.Split(';');
            var type = parts[0].Trim();
            string? @as = null, group = null, version = null;
            for (var i = 1; i < parts.Length; i++)
            {
                var pair = parts[i].Split('=', 2);
                if (pair.Length != 2)
                {
                    continue;
                }
                var value = pair[1].Trim();
                switch (pair[0].Trim())
                {
                    case "as": @as = value; break;
                    case "g": group = value; break;
                    case "v": version = value; break;
                }
            }
            if (type is Json or "application/*" or "*/*")
            {
                if (@as is null)
                {
                    return ResponseFormat.Json;
                }
                if (@as == "Table" && group == "meta.k8s.io" && version is "v1" or "v1beta1")
                {
                    return new ResponseFormat(true, "meta.k8s.io/" + version, IncludeObjectPolicy(includeObject));
                }
                continue;
            }
            if (type != Protobuf)
            {
                sawUnsupported = true;
            }
        }
        if (sawUnsupported)
        {
            throw new StatusException(406, "NotAcceptable",
                "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf");
        }
        return ResponseFormat.Json;
    }

    /// <summary>The media type of a Content-Type header, without parameters, lowercased.</summary>
    public static string MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return "";
        }
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    private static string IncludeObjectPolicy(string? includeObject) => includeObject switch
    {
        null or "" => "Metadata",
        "None" or "Metadata" or "Object" => includeObject,
        _ => throw StatusErrors.BadRequest(
            $"Invalid value: \"{includeObject}\": must be 'Metadata', 'Object', or 'None'"),
    };
}
