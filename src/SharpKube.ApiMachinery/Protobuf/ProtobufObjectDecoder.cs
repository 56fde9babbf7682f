using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>
/// Decodes Kubernetes protobuf request bodies (<c>application/vnd.kubernetes.protobuf</c>) into the JSON
/// objects the rest of the server works with, using the project's own schema table.
/// </summary>
public static class ProtobufObjectDecoder
{
    private static readonly ProtoMessageDecoder Decoder = new(ProtoSchema.Default);

    /// <summary>True when the schema knows the top-level message of <paramref name="groupVersion"/>/<paramref name="kind"/>.</summary>
    public static bool CanDecode(string groupVersion, string kind) =>
        ProtoSchema.Default.TryGetKind(groupVersion, kind, out _);

    /// <summary>
    /// Decodes a typed message's bytes (the envelope's raw field) as <paramref name="groupVersion"/>/<paramref name="kind"/>:
    /// a JSON object starting with apiVersion and kind. <see cref="FormatException"/> for bytes that do not decode,
    /// <see cref="NotSupportedException"/> for a kind the schema does not know.
    /// </summary>
    public static JsonObject DecodeRaw(ReadOnlySpan<byte> raw, string groupVersion, string kind)
    {
        if (!ProtoSchema.Default.TryGetKind(groupVersion, kind, out var message))
        {
            throw new NotSupportedException($"no protobuf schema for {kind} in version \"{groupVersion}\"");
        }
        var body = Decoder.Decode(raw, message);
        var obj = new JsonObject { ["apiVersion"] = groupVersion, ["kind"] = kind };
        foreach (var name in body.Select(p => p.Key).ToList())
        {
            var value = body[name];
            body.Remove(name);
            obj[name] = value;
        }
        return obj;
    }

    /// <summary>Decodes a whole enveloped body using the envelope's apiVersion and kind.</summary>
    public static JsonObject Decode(ReadOnlyMemory<byte> body)
    {
        var unknown = ProtoEnvelope.Unwrap(body);
        return DecodeRaw(unknown.Raw.Span, unknown.ApiVersion, unknown.Kind);
    }

    /// <summary>
    /// Decodes an enveloped DeleteOptions body. Clients stamp it with their own group-version
    /// (<c>v1</c>, <c>apps/v1</c>, <c>meta.k8s.io/v1</c>), so only the kind is checked.
    /// </summary>
    public static JsonObject DecodeDeleteOptions(ReadOnlyMemory<byte> body)
    {
        var unknown = ProtoEnvelope.Unwrap(body);
        if (unknown.Kind is not ("DeleteOptions" or ""))
        {
            throw new FormatException($"protobuf: expected DeleteOptions, got {unknown.Kind}");
        }
        return Decoder.Decode(unknown.Raw.Span, ProtoSchema.Default.Get(Schema.MetaV1Schema.DeleteOptions));
    }
}
