using System.Text.Json.Nodes;
using SharpKube.ApiServer.Http;

namespace SharpKube.ApiServer.Patching;

/// <summary>
/// A PATCH body and its format. The body is parsed when first applied, inside the store's update, so a patch
/// of a missing object answers 404 before any complaint about the body, as upstream does.
/// </summary>
public sealed class PatchRequest
{
    private JsonNode? _document;
    private bool _parsed;

    /// <summary>Creates the request.</summary>
    public PatchRequest(PatchType type, byte[] body)
    {
        Type = type;
        Body = body;
    }

    /// <summary>The body format.</summary>
    public PatchType Type { get; }

    /// <summary>The raw body.</summary>
    public byte[] Body { get; }

    /// <summary>
    /// The parsed body (JSON, or YAML for an apply; 400 BadRequest when it does not parse). Parsed once; callers
    /// must not modify it.
    /// </summary>
    public JsonNode? Document
    {
        get
        {
            if (!_parsed)
            {
                _document = RequestBody.ParseJsonValue(Type == PatchType.Apply ? YamlBodies.ToJson(Body) : Body);
                _parsed = true;
            }
            return _document;
        }
    }
}
