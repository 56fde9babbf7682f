using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Metadata;

/// <summary>Validates finalizer names.</summary>
public static class FinalizerValidation
{
    private static readonly HashSet<string> StandardNames = new(StringComparer.Ordinal) { "kubernetes", "orphan", "foregroundDeletion" };

    /// <summary>Every finalizer is a qualified name; orphan and foregroundDeletion may not both be set.</summary>
    public static void Validate(JsonArray? finalizers, string path, FieldErrorList errors)
    {
        var names = finalizers.StringItems().Select(f => f.Item).ToList();
        foreach (var name in names)
        {
            foreach (var message in NameFormat.QualifiedName(name))
            {
                errors.Invalid(path, name, message);
            }
        }
        if (names.Contains("orphan") && names.Contains("foregroundDeletion"))
        {
            errors.InvalidRaw(path, GoSlice(names), "finalizer orphan and foregroundDeletion cannot be both set");
        }
    }

    /// <summary>
    /// The core-group rule: a finalizer without a '/' must be one of the standard names. Errors are reported
    /// per index, e.g. <c>metadata.finalizers[0]</c>.
    /// </summary>
    public static void ValidateStandardNames(JsonArray? finalizers, string path, FieldErrorList errors)
    {
        foreach (var (index, name) in finalizers.StringItems())
        {
            if (!name.Contains('/', StringComparison.Ordinal) && !StandardNames.Contains(name))
            {
                errors.Invalid($"{path}[{index}]", name, "name is neither a standard finalizer name nor is it fully qualified");
            }
        }
    }

    /// <summary>Refuses finalizers added after deletion started.</summary>
    public static void ValidateNoNewFinalizers(JsonArray? finalizers, JsonArray? oldFinalizers, string path, FieldErrorList errors)
    {
        var names = finalizers.StringItems().Select(f => f.Item).ToList();
        var old = oldFinalizers.StringItems().Select(f => f.Item).ToHashSet(StringComparer.Ordinal);
        var extra = names.Where(n => !old.Contains(n)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            errors.Forbidden(path, $"no new finalizers([{string.Join(' ', extra)}]) can be added if the object is being deleted, found in [{string.Join(' ', names)}]");
        }
    }

    private static string GoSlice(IEnumerable<string> items) =>
        "[]string{" + string.Join(", ", items.Select(i => FieldErrorList.Quote(i))) + "}";
}
