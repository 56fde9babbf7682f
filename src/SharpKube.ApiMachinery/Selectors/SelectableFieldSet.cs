using System.Collections.Frozen;
using System.Text.Json;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// The field selectors one kind supports, as kube-apiserver v1.32 does: which labels a request may
/// use (<see cref="Names"/>), what each label means (some are aliases, e.g. a Pod's
/// <c>spec.host</c> is <c>spec.nodeName</c>), how each field's value is computed from an object, and
/// the 400 message for a label the kind does not support. Labels accepted without a computed field
/// (a Pod's <c>status.podIPs</c>) compare as "", as upstream's do.
/// </summary>
public sealed class SelectableFieldSet
{
    private readonly FrozenDictionary<string, string> _labels;
    private readonly FrozenDictionary<string, SelectableField> _fields;
    private readonly SelectableField[] _fieldList;
    private readonly Func<string, string> _unsupportedMessage;

    /// <summary>Creates a set from accepted labels (label → field name) and the computed fields.</summary>
    internal SelectableFieldSet(
        IReadOnlyDictionary<string, string> labels, SelectableField[] fields, Func<string, string> unsupportedMessage)
    {
        _labels = labels.ToFrozenDictionary(StringComparer.Ordinal);
        _fieldList = fields;
        _fields = fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        _unsupportedMessage = unsupportedMessage;
        Names = _labels.Keys.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The field labels a request may use for this kind.</summary>
    public IReadOnlySet<string> Names { get; }

    /// <summary>The names of the fields <see cref="Extract(JsonElement)"/> produces (what resolved selectors refer to).</summary>
    public IEnumerable<string> FieldNames => _fieldList.Select(f => f.Name);

    /// <summary>True when a request may select by <paramref name="field"/>.</summary>
    public bool Supports(string field) => _labels.ContainsKey(field);

    /// <summary>
    /// Upstream's message for an unsupported label, e.g. <c>field label not supported: spec.foo</c> or
    /// <c>"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"</c>;
    /// the API server answers it as 400 BadRequest.
    /// </summary>
    public string UnsupportedMessage(string field) => _unsupportedMessage(field);

    /// <summary>
    /// Checks every label of <paramref name="selector"/> and rewrites aliases to field names, as the
    /// API server does before a LIST or WATCH. Throws <see cref="SelectorParseException"/> (400) for the
    /// first unsupported label in the selector's order.
    /// </summary>
    public FieldSelector Resolve(FieldSelector selector)
    {
        var changed = false;
        var resolved = new FieldRequirement[selector.Requirements.Count];
        for (var i = 0; i < resolved.Length; i++)
        {
            var requirement = selector.Requirements[i];
            if (!_labels.TryGetValue(requirement.Field, out var fieldName))
            {
                throw new SelectorParseException(_unsupportedMessage(requirement.Field));
            }
            changed |= !string.Equals(fieldName, requirement.Field, StringComparison.Ordinal);
            resolved[i] = requirement with { Field = fieldName };
        }
        return changed ? FieldSelector.FromRequirements(resolved) : selector;
    }

    /// <summary>Adds every field's value for <paramref name="obj"/> to <paramref name="into"/>.</summary>
    public void Extract(JsonElement obj, IDictionary<string, string> into)
    {
        foreach (var field in _fieldList)
        {
            into[field.Name] = field.Read(obj);
        }
    }

    /// <summary>Every field's value for <paramref name="obj"/> (what a watch cache would keep per object).</summary>
    public IReadOnlyDictionary<string, string> Extract(JsonElement obj)
    {
        var fields = new Dictionary<string, string>(_fieldList.Length, StringComparer.Ordinal);
        Extract(obj, fields);
        return fields;
    }

    /// <summary>
    /// True when <paramref name="obj"/> satisfies a selector already passed through
    /// <see cref="Resolve"/>; reads only the fields the selector names and allocates nothing.
    /// </summary>
    public bool Matches(FieldSelector resolved, JsonElement obj)
    {
        foreach (var requirement in resolved.RequirementSpan)
        {
            var equal = _fields.TryGetValue(requirement.Field, out var field)
                ? field.ValueEquals(obj, requirement.Value)
                : requirement.Value.Length == 0;
            if (equal != (requirement.Operator == FieldSelectorOperator.Equals))
            {
                return false;
            }
        }
        return true;
    }
}
