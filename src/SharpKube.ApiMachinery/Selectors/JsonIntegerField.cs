using System.Globalization;
using System.Text.Json;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>An integer field, selected by its decimal text (absent is <c>"0"</c>).</summary>
internal sealed class JsonIntegerField : SelectableField
{
    private readonly JsonFieldPath _source;

    /// <summary>A field named <paramref name="name"/> read from <paramref name="source"/>.</summary>
    public JsonIntegerField(string name, string source)
        : base(name) => _source = new JsonFieldPath(source);

    /// <inheritdoc/>
    public override string Read(JsonElement obj) => ReadNumber(obj).ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override bool ValueEquals(JsonElement obj, string expected)
    {
        Span<char> text = stackalloc char[20];
        return ReadNumber(obj).TryFormat(text, out var written, default, CultureInfo.InvariantCulture)
            && expected.AsSpan().SequenceEqual(text[..written]);
    }

    private long ReadNumber(JsonElement obj) =>
        _source.TryResolve(obj, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : 0;
}
