using System.Text.Json;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>One field a kind can be selected by, and how its value is computed from the object's JSON.</summary>
internal abstract class SelectableField
{
    /// <summary>Creates the field with its (canonical) field-set name.</summary>
    protected SelectableField(string name) => Name = name;

    /// <summary>The name in the object's field set, e.g. <c>spec.nodeName</c>.</summary>
    public string Name { get; }

    /// <summary>The field's value as upstream's field set holds it ("" when absent).</summary>
    public abstract string Read(JsonElement obj);

    /// <summary>True when the value equals <paramref name="expected"/>; allocates nothing.</summary>
    public abstract bool ValueEquals(JsonElement obj, string expected);
}
