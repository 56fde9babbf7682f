using SharpKube.ApiMachinery.Selectors;
using SharpKube.ApiServer.WatchCache;

namespace SharpKube.ApiServer.Http;

/// <summary>Turns a request's namespace and selectors into an <see cref="ObjectFilter"/>.</summary>
public static class FilterCompiler
{
    /// <summary>Compiles the filter; 400 BadRequest for malformed selectors or unsupported field labels.</summary>
    public static ObjectFilter Compile(string? ns, string? labelSelector, string? fieldSelector, SelectableFieldSet fieldSet)
    {
        LabelSelector labels;
        FieldSelector fields;
        try
        {
            labels = LabelSelector.Parse(labelSelector);
            fields = fieldSet.Resolve(FieldSelector.Parse(fieldSelector));
        }
        catch (SelectorParseException e)
        {
            throw e.ToStatusException();
        }
        fields.TryGetExactMatch("metadata.name", out var exactName);
        if (ns is null && fields.TryGetExactMatch("metadata.namespace", out var pinnedNamespace))
        {
            ns = pinnedNamespace;
        }
        Func<CachedObject, bool>? predicate = (labels.IsEverything, fields.IsEverything) switch
        {
            (true, true) => null,
            (false, true) => obj => labels.Matches(obj.Labels),
            (true, false) => obj => fields.Matches(obj.Fields),
            _ => obj => labels.Matches(obj.Labels) && fields.Matches(obj.Fields),
        };
        return new ObjectFilter(ns, predicate, exactName);
    }
}
