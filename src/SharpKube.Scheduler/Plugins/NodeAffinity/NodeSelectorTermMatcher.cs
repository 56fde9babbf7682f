using k8s.Models;

namespace SharpKube.Scheduler.Plugins.NodeAffinity;

/// <summary>
/// A parsed node selector term: its <c>matchExpressions</c> over the node's labels AND its <c>matchFields</c> over
/// <c>metadata.name</c>. A term with neither matches no node (upstream: "nil or empty term selects no objects").
/// </summary>
internal sealed class NodeSelectorTermMatcher
{
    /// <summary>The one field a node selector can match.</summary>
    public const string NameField = "metadata.name";

    private readonly NodeSelectorRequirement[] _expressions;
    private readonly NodeSelectorRequirement[] _fields;

    private NodeSelectorTermMatcher(NodeSelectorRequirement[] expressions, NodeSelectorRequirement[] fields)
    {
        _expressions = expressions;
        _fields = fields;
    }

    /// <summary>Parses <paramref name="term"/>; null with <paramref name="error"/> when any requirement does not parse.</summary>
    public static NodeSelectorTermMatcher? Parse(V1NodeSelectorTerm? term, out string? error)
    {
        error = null;
        var expressions = Parse(term?.MatchExpressions, NodeSelectorRequirement.ParseLabel, ref error);
        var fields = Parse(term?.MatchFields, NodeSelectorRequirement.ParseField, ref error);
        return expressions is null || fields is null ? null : new(expressions, fields);
    }

    /// <summary>Whether <paramref name="node"/> satisfies every requirement of the term.</summary>
    public bool Matches(V1Node node)
    {
        if (_expressions.Length == 0 && _fields.Length == 0)
        {
            return false;
        }
        var labels = node.Metadata?.Labels;
        foreach (var requirement in _expressions)
        {
            string? value = null;
            var present = labels is not null && labels.TryGetValue(requirement.Key, out value);
            if (!requirement.Matches(present, value))
            {
                return false;
            }
        }
        var name = node.Metadata?.Name ?? "";
        foreach (var requirement in _fields)
        {
            // A node has one field, its name; any other field reads as "" (as upstream's fields.Set lookup).
            var value = requirement.Key == NameField ? name : "";
            if (!requirement.Matches(true, value))
            {
                return false;
            }
        }
        return true;
    }

    private static NodeSelectorRequirement[]? Parse(IList<V1NodeSelectorRequirement>? requirements,
        ParseRequirement parse, ref string? error)
    {
        if (requirements is not { Count: > 0 })
        {
            return [];
        }
        var parsed = new NodeSelectorRequirement[requirements.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            if (parse(requirements[i], out var e) is not { } requirement)
            {
                error ??= e;
                return null;
            }
            parsed[i] = requirement;
        }
        return parsed;
    }

    private delegate NodeSelectorRequirement? ParseRequirement(V1NodeSelectorRequirement requirement, out string? error);
}
