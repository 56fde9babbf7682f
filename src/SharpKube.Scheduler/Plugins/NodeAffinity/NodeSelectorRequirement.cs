using System.Globalization;
using k8s.Models;

namespace SharpKube.Scheduler.Plugins.NodeAffinity;

/// <summary>
/// One parsed <c>matchExpressions</c> or <c>matchFields</c> requirement of a node selector term. Parsing checks what
/// upstream's label and field selector parsers check (operator known, value counts, integers for Gt and Lt), so a
/// requirement the API server let through but upstream would not parse never matches instead of throwing.
/// </summary>
internal sealed class NodeSelectorRequirement
{
    private readonly string[] _values;
    private readonly long _bound;

    private NodeSelectorRequirement(string key, NodeSelectorOperator op, string[] values, long bound)
    {
        Key = key;
        Operator = op;
        _values = values;
        _bound = bound;
    }

    /// <summary>The label key, or the field (<c>metadata.name</c>).</summary>
    public string Key { get; }

    /// <summary>The operator.</summary>
    public NodeSelectorOperator Operator { get; }

    /// <summary>Parses a <c>matchExpressions</c> entry; null with <paramref name="error"/> when upstream would refuse it.</summary>
    public static NodeSelectorRequirement? ParseLabel(V1NodeSelectorRequirement requirement, out string? error)
    {
        error = null;
        var key = requirement.Key ?? "";
        var values = requirement.Values is { Count: > 0 } v ? v.ToArray() : [];
        switch (requirement.OperatorProperty)
        {
            case "In" or "NotIn" when values.Length > 0:
                return new(key, requirement.OperatorProperty == "In" ? NodeSelectorOperator.In : NodeSelectorOperator.NotIn, values, 0);
            case "Exists" or "DoesNotExist" when values.Length == 0:
                return new(key, requirement.OperatorProperty == "Exists" ? NodeSelectorOperator.Exists : NodeSelectorOperator.DoesNotExist, values, 0);
            case "Gt" or "Lt" when values.Length == 1:
                if (!long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
                {
                    error = $"{key}: for 'Gt', 'Lt' operators, the value must be an integer, not \"{values[0]}\"";
                    return null;
                }
                return new(key, requirement.OperatorProperty == "Gt" ? NodeSelectorOperator.Gt : NodeSelectorOperator.Lt, values, bound);
            case "In" or "NotIn" or "Exists" or "DoesNotExist" or "Gt" or "Lt":
                error = $"{key}: wrong number of values ({values.Length}) for operator {requirement.OperatorProperty}";
                return null;
            default:
                error = $"{key}: unsupported operator \"{requirement.OperatorProperty}\"";
                return null;
        }
    }

    /// <summary>Parses a <c>matchFields</c> entry: In or NotIn with exactly one value, as upstream's field selector.</summary>
    public static NodeSelectorRequirement? ParseField(V1NodeSelectorRequirement requirement, out string? error)
    {
        error = null;
        var key = requirement.Key ?? "";
        if (requirement.OperatorProperty is not ("In" or "NotIn"))
        {
            error = $"{key}: unsupported field selector operator \"{requirement.OperatorProperty}\"";
            return null;
        }
        if (requirement.Values is not { Count: 1 } values)
        {
            error = $"{key}: field selector values must have one element";
            return null;
        }
        return new(key, requirement.OperatorProperty == "In" ? NodeSelectorOperator.In : NodeSelectorOperator.NotIn, [values[0]], 0);
    }

    /// <summary>The values (for In with <c>metadata.name</c>, the nodes a term names).</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>Whether the requirement holds for a label (or field) that is <paramref name="present"/> with <paramref name="value"/>.</summary>
    public bool Matches(bool present, string? value)
    {
        switch (Operator)
        {
            case NodeSelectorOperator.In:
                return present && Array.IndexOf(_values, value) >= 0;
            case NodeSelectorOperator.NotIn:
                return !present || Array.IndexOf(_values, value) < 0;
            case NodeSelectorOperator.Exists:
                return present;
            case NodeSelectorOperator.DoesNotExist:
                return !present;
            default:
                // Gt and Lt: a label that is missing or not an integer does not match.
                if (!present || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    return false;
                }
                return Operator == NodeSelectorOperator.Gt ? number > _bound : number < _bound;
        }
    }
}
