using SharpKube.ApiMachinery.Protobuf.Schema;

namespace SharpKube.ApiMachinery.Protobuf;

/// <summary>
/// The project's own protobuf schema: every message kubectl sends, by name, and the top-level message of
/// each group-version-kind. Written from the published field numbers of k8s.io/api.
/// </summary>
internal sealed class ProtoSchema
{
    private readonly Dictionary<string, ProtoMessage> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<(string GroupVersion, string Kind), string> _kinds = [];

    /// <summary>The schema with every table registered.</summary>
    public static ProtoSchema Default { get; } = Build();

    /// <summary>Defines a message.</summary>
    public ProtoMessage Define(string name)
    {
        var message = new ProtoMessage(name);
        if (!_messages.TryAdd(name, message))
        {
            throw new InvalidOperationException($"protobuf schema: message {name} is defined twice");
        }
        return message;
    }

    /// <summary>Maps a group-version-kind to its top-level message.</summary>
    public void Kind(string groupVersion, string kind, string message) => _kinds[(groupVersion, kind)] = message;

    /// <summary>Finds a message by name.</summary>
    public ProtoMessage Get(string name) =>
        _messages.TryGetValue(name, out var message)
            ? message
            : throw new InvalidOperationException($"protobuf schema: message {name} is not defined");

    /// <summary>Finds the top-level message of a group-version-kind.</summary>
    public bool TryGetKind(string groupVersion, string kind, out ProtoMessage message)
    {
        if (_kinds.TryGetValue((groupVersion, kind), out var name))
        {
            message = Get(name);
            return true;
        }
        message = null!;
        return false;
    }

    /// <summary>Every message's nested references resolve (checked by the tests).</summary>
    public IEnumerable<string> UnresolvedReferences() =>
        _messages.Values.SelectMany(m => m.ReferencedMessages()).Where(n => !_messages.ContainsKey(n)).Distinct();

    private static ProtoSchema Build()
    {
        var schema = new ProtoSchema();
        MetaV1Schema.Register(schema);
        CoreV1Schema.Register(schema);
        PodSpecSchema.Register(schema);
        ContainerSchema.Register(schema);
        VolumeSchema.Register(schema);
        AppsV1Schema.Register(schema);
        BatchV1Schema.Register(schema);
        RbacV1Schema.Register(schema);
        AutoscalingSchema.Register(schema);
        NetworkingV1Schema.Register(schema);
        PolicyV1Schema.Register(schema);
        AuthSchema.Register(schema);
        CertificatesV1Schema.Register(schema);
        return schema;
    }
}
