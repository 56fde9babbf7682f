using System.Text.Json;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The <c>components.schemas</c> of one document: named schema writers, written sorted by name. Defining a
/// name twice keeps the first definition, so every contributor may define what it references.
/// </summary>
internal sealed class ComponentSchemas
{
    private readonly SortedDictionary<string, Action<Utf8JsonWriter>> _schemas = new(StringComparer.Ordinal);

    /// <summary>The defined names.</summary>
    public IEnumerable<string> Names => _schemas.Keys;

    /// <summary>The JSON reference to a component schema.</summary>
    public static string Reference(string name) => "#/components/schemas/" + name;

    /// <summary>Defines <paramref name="name"/> unless it already is; true when this call defined it.</summary>
    public bool Define(string name, Action<Utf8JsonWriter> write) => _schemas.TryAdd(name, write);

    /// <summary>Writes the <c>schemas</c> object's members.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        foreach (var (name, write) in _schemas)
        {
            writer.WritePropertyName(name);
            write(writer);
        }
    }
}
