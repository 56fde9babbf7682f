using System.Diagnostics.CodeAnalysis;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// A parsed field selector: an AND of <see cref="FieldRequirement"/>s such as
/// <c>spec.nodeName=node-1,status.phase!=Succeeded</c>. Terms are kept in upstream's order (sorted by
/// their text). Before matching, resolve the field labels against the kind with
/// <see cref="SelectableFieldSet.Resolve"/>; matching allocates nothing.
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] Operators = ["!=", "==", "="];
    private readonly FieldRequirement[] _requirements;

    private FieldSelector(FieldRequirement[] requirements) => _requirements = requirements;

    /// <summary>The selector that matches every object.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms, in upstream's order.</summary>
    public IReadOnlyList<FieldRequirement> Requirements => _requirements;

    /// <summary>The terms without an enumerator allocation, for the matching hot path.</summary>
    internal ReadOnlySpan<FieldRequirement> RequirementSpan => _requirements;

    /// <summary>True when the selector does not restrict anything.</summary>
    public bool IsEverything => _requirements.Length == 0;

    /// <summary>
    /// Parses the <c>fieldSelector</c> query parameter: comma-separated <c>field=value</c>,
    /// <c>field==value</c> or <c>field!=value</c> terms, values escaped with backslashes; empty terms
    /// are skipped and nothing is trimmed. Throws <see cref="SelectorParseException"/> with upstream's message.
    /// </summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }
        var terms = SplitTerms(text);
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>(terms.Count);
        foreach (var term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }
            if (!TrySplitTerm(term, out var field, out var op, out var rawValue))
            {
                throw new SelectorParseException($"invalid selector: '{text}'; can't understand '{term}'");
            }
            requirements.Add(new FieldRequirement(field, op, FieldSelectorEscaping.Unescape(rawValue)));
        }
        return requirements.Count == 0 ? Everything : new FieldSelector([.. requirements]);
    }

    /// <summary>A selector of the given terms, in the given order.</summary>
    public static FieldSelector FromRequirements(IEnumerable<FieldRequirement> requirements)
    {
        var array = requirements.ToArray();
        return array.Length == 0 ? Everything : new FieldSelector(array);
    }

    /// <summary>True when every term holds for <paramref name="fields"/>; a field absent from it compares as "".</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(fields))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// When a term pins <paramref name="field"/> with <c>=</c> or <c>==</c>, returns its value (the first
    /// such term), so the store can narrow a lookup, e.g. to one <c>metadata.name</c>.
    /// </summary>
    public bool TryGetExactMatch(string field, [MaybeNullWhen(false)] out string value)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Operator == FieldSelectorOperator.Equals
                && string.Equals(requirement.Field, field, StringComparison.Ordinal))
            {
                value = requirement.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>The selector as upstream prints it: terms joined by commas, values escaped.</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));

    /// <summary>Splits at commas that are not escaped; the escapes stay in the terms.</summary>
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (text[i] == '\\')
            {
                escaped = true;
            }
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }
        terms.Add(text[start..]);
        return terms;
    }

    /// <summary>Splits at the first operator; field labels have no escapes, so the first match wins.</summary>
    private static bool TrySplitTerm(string term, out string field, out FieldSelectorOperator op, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in Operators)
            {
                if (term.AsSpan(i).StartsWith(candidate, StringComparison.Ordinal))
                {
                    field = term[..i];
                    op = candidate == "!=" ? FieldSelectorOperator.NotEquals : FieldSelectorOperator.Equals;
                    value = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }
        field = value = "";
        op = FieldSelectorOperator.Equals;
        return false;
    }
}
