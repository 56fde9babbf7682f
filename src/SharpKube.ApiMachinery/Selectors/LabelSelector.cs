using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// A parsed label selector: an AND of <see cref="LabelRequirement"/>s, sorted by key. Parse once per
/// request, then <see cref="Matches(IReadOnlyDictionary{string, string})"/> against every object;
/// matching allocates nothing.
/// </summary>
public sealed class LabelSelector
{
    private readonly LabelRequirement[] _requirements;
    private readonly bool _matchesNothing;
    private string? _text;

    private LabelSelector(LabelRequirement[] requirements, bool matchesNothing)
    {
        _requirements = requirements;
        _matchesNothing = matchesNothing;
    }

    /// <summary>The selector that matches every object (empty text, <c>{}</c>).</summary>
    public static LabelSelector Everything { get; } = new([], false);

    /// <summary>The selector that matches no object (a null metav1.LabelSelector).</summary>
    public static LabelSelector Nothing { get; } = new([], true);

    /// <summary>The requirements, sorted by key (stable for equal keys).</summary>
    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    /// <summary>True when the selector does not restrict anything.</summary>
    public bool IsEverything => !_matchesNothing && _requirements.Length == 0;

    /// <summary>True for <see cref="Nothing"/>.</summary>
    public bool IsNothing => _matchesNothing;

    /// <summary>
    /// Parses the <c>labelSelector</c> query parameter with upstream's grammar; null, empty or blank
    /// text selects everything. Throws <see cref="SelectorParseException"/> with upstream's message.
    /// </summary>
    public static LabelSelector Parse(string? text) =>
        string.IsNullOrEmpty(text) ? Everything : FromRequirements(LabelSelectorParser.Parse(text));

    /// <summary>
    /// Builds a selector from requirements (e.g. made with <see cref="LabelRequirement.Create"/>),
    /// sorting them by key; no requirements means everything.
    /// </summary>
    public static LabelSelector FromRequirements(IEnumerable<LabelRequirement> requirements)
    {
        var sorted = requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
        return sorted.Length == 0 ? Everything : new LabelSelector(sorted, false);
    }

    /// <summary>
    /// The selector matching exactly a label set, as used by map-style selectors (Service
    /// <c>spec.selector</c>, ReplicationController). Not validated; null or empty selects everything.
    /// </summary>
    public static LabelSelector FromSet(IEnumerable<KeyValuePair<string, string>>? labels) =>
        labels is null
            ? Everything
            : FromRequirements(labels.Select(l => LabelRequirement.CreateValidated(l.Key, SelectorOperator.Equals, [l.Value])));

    /// <summary>
    /// Converts a metav1.LabelSelector (<c>matchLabels</c>, <c>matchExpressions</c>) the way upstream's
    /// LabelSelectorAsSelector does: null or absent selects nothing, <c>{}</c> selects everything.
    /// Throws <see cref="SelectorParseException"/> for invalid keys, values or operators.
    /// </summary>
    public static LabelSelector FromLabelSelectorJson(JsonElement selector) =>
        selector.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
            ? Nothing
            : FromRequirements(LabelSelectorJsonReader.Read(selector));

    /// <summary>
    /// The text kubectl shows for a metav1.LabelSelector (table SELECTOR columns): the canonical form,
    /// <c>&lt;none&gt;</c> when it is empty or null, <c>&lt;error&gt;</c> when it is invalid. A Scale's
    /// <c>status.selector</c> is instead <c>FromLabelSelectorJson(s).ToString()</c>.
    /// </summary>
    public static string FormatLabelSelectorJson(JsonElement selector)
    {
        try
        {
            var text = FromLabelSelectorJson(selector).ToString();
            return text.Length == 0 ? "<none>" : text;
        }
        catch (SelectorParseException)
        {
            return "<error>";
        }
    }

    /// <summary>True when <paramref name="labels"/> (null = no labels) satisfy every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (_matchesNothing)
        {
            return false;
        }
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when a JSON <c>metadata.labels</c> object (or null/absent) satisfies every requirement.</summary>
    public bool Matches(JsonElement labels)
    {
        if (_matchesNothing)
        {
            return false;
        }
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when the labels of a whole JSON object (its <c>metadata.labels</c>) satisfy every requirement.</summary>
    public bool MatchesObject(JsonElement obj)
    {
        var labels = default(JsonElement);
        if (obj.ValueKind == JsonValueKind.Object
            && obj.TryGetProperty("metadata"u8, out var metadata)
            && metadata.ValueKind == JsonValueKind.Object)
        {
            metadata.TryGetProperty("labels"u8, out labels);
        }
        return Matches(labels);
    }

    /// <summary>
    /// When the first requirement on <paramref name="key"/> pins one value (<c>=</c>, <c>==</c> or an
    /// <c>in</c> with one value), returns it, so a caller can narrow a lookup.
    /// </summary>
    public bool TryGetExactMatch(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var requirement in _requirements)
        {
            if (!string.Equals(requirement.Key, key, StringComparison.Ordinal))
            {
                continue;
            }
            if (requirement.Operator is SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In
                && requirement.Values.Count == 1)
            {
                value = requirement.Values[0];
                return true;
            }
            break;
        }
        value = null;
        return false;
    }

    /// <summary>Upstream's canonical text: requirements sorted by key, joined by commas; empty for everything and nothing.</summary>
    public override string ToString() => _text ??= string.Join(",", _requirements.Select(r => r.ToString()));
}
