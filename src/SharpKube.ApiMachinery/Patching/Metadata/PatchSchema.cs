namespace SharpKube.ApiMachinery.Patching.Metadata;

/// <summary>
/// How one JSON value is patched: its shape, the facts its parent declares about it, and (lazily) the schemas of
/// its fields, map values or list items. Obtain one with <see cref="PatchMetadata.For(Type)"/> and walk it with
/// <see cref="Field"/>, <see cref="Items"/> or <see cref="At"/>. Anything the model does not describe is
/// <see cref="Unknown"/>: lists replace, objects merge recursively.
/// </summary>
public sealed class PatchSchema
{
    private readonly Func<string, PatchSchema>? _fieldLookup;
    private readonly Lazy<PatchSchema>? _element;

    private PatchSchema(
        PatchValueKind kind,
        Type? modelType,
        FieldPatchFacts facts,
        Func<string, PatchSchema>? fieldLookup,
        Func<PatchSchema>? element)
    {
        Kind = kind;
        ModelType = modelType;
        Facts = facts;
        _fieldLookup = fieldLookup;
        _element = element is null ? null : new Lazy<PatchSchema>(element);
    }

    /// <summary>The schema of a value nothing is known about.</summary>
    public static PatchSchema Unknown { get; } = new(PatchValueKind.Unknown, null, FieldPatchFacts.Default, null, null);

    /// <summary>The shape of the value.</summary>
    public PatchValueKind Kind { get; }

    /// <summary>The KubernetesClient model type of an object value, or the CLR type of a scalar/list/map.</summary>
    public Type? ModelType { get; }

    /// <summary>What the parent type declares about this field (strategy, merge key, list and map types).</summary>
    public FieldPatchFacts Facts { get; }

    /// <summary>The schema of list items; <see cref="Unknown"/> for anything but a list.</summary>
    public PatchSchema Items => Kind == PatchValueKind.List ? _element!.Value : Unknown;

    /// <summary>The schema of map values; <see cref="Unknown"/> for anything but a map.</summary>
    public PatchSchema Values => Kind == PatchValueKind.Map ? _element!.Value : Unknown;

    /// <summary>Whether strategic merge patch merges this list (by <see cref="FieldPatchFacts.MergeKey"/> or as a union).</summary>
    public bool IsMergeList => Kind == PatchValueKind.List && Facts.Strategy.HasFlag(PatchStrategy.Merge);

    /// <summary>Whether this value honours the <c>$retainKeys</c> directive (itself, or each item of a list).</summary>
    public bool RetainsKeys => Facts.Strategy.HasFlag(PatchStrategy.RetainKeys);

    /// <summary>
    /// The schema of field <paramref name="name"/>: of an object's field, of a map's values, or — for a list — of
    /// the field of its items, so that <c>containers</c> then <c>ports</c> walks into each container.
    /// </summary>
    public PatchSchema Field(string name) => Kind switch
    {
        PatchValueKind.Object => _fieldLookup!(name),
        PatchValueKind.Map => Values,
        PatchValueKind.List => Items.Field(name),
        _ => Unknown,
    };

    /// <summary>The schema at a dotted JSON path such as <c>spec.template.spec.containers.ports</c>.</summary>
    public PatchSchema At(string path)
    {
        var schema = this;
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            schema = schema.Field(segment);
        }
        return schema;
    }

    internal static PatchSchema Scalar(Type type, FieldPatchFacts facts) => new(PatchValueKind.Scalar, type, facts, null, null);

    internal static PatchSchema Object(Type type, FieldPatchFacts facts, Func<string, PatchSchema> fieldLookup) =>
        new(PatchValueKind.Object, type, facts, fieldLookup, null);

    internal static PatchSchema Map(Type type, FieldPatchFacts facts, Func<PatchSchema> values) =>
        new(PatchValueKind.Map, type, facts, null, values);

    internal static PatchSchema List(Type type, FieldPatchFacts facts, Func<PatchSchema> items) =>
        new(PatchValueKind.List, type, facts, null, items);

    internal static PatchSchema UnknownWith(FieldPatchFacts facts) =>
        ReferenceEquals(facts, FieldPatchFacts.Default) ? Unknown : new(PatchValueKind.Unknown, null, facts, null, null);
}
