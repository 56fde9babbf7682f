using System.Text.RegularExpressions;
using k8s.Models;

namespace SharpKube.ApiMachinery.TypedDecoding;

/// <summary>
/// The Go names behind KubernetesClient model types, as upstream's decoding errors print them: <c>int32</c>,
/// <c>[]v1.Container</c>, <c>map[string]string</c>, and a struct's bare name (<c>DeploymentSpec</c>) for the
/// "Go struct field" it failed in.
/// </summary>
internal static partial class GoTypeNames
{
    /// <summary>The Go type name, e.g. <c>v1.DeploymentSpec</c> for <c>V1DeploymentSpec</c>.</summary>
    public static string Of(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "string";
        }
        if (ScalarKind(type) is { } kind)
        {
            return kind;
        }
        if (type == typeof(byte[]))
        {
            return "[]uint8";
        }
        if (type == typeof(IntOrString))
        {
            return "intstr.IntOrString";
        }
        if (type == typeof(ResourceQuantity))
        {
            return "resource.Quantity";
        }
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return "v1.Time";
        }
        if (ModelShapes.MapValueType(type) is { } valueType)
        {
            return "map[string]" + Of(valueType);
        }
        if (ModelShapes.ListItemType(type) is { } itemType)
        {
            return "[]" + Of(itemType);
        }
        var match = VersionedName().Match(type.Name);
        return match.Success ? $"v{match.Groups["version"].Value}.{match.Groups["name"].Value}" : type.Name;
    }

    /// <summary>The bare struct name Go reports for a field of <paramref name="modelType"/>: <c>DeploymentSpec</c>.</summary>
    public static string StructName(Type? modelType)
    {
        if (modelType is null)
        {
            return "";
        }
        var match = VersionedName().Match(modelType.Name);
        return match.Success ? match.Groups["name"].Value : modelType.Name;
    }

    /// <summary>The Go kind of a CLR number or bool type (<c>int32</c>, <c>int64</c>, <c>float64</c>, <c>bool</c>); null otherwise.</summary>
    public static string? ScalarKind(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => "int32",
        var t when t == typeof(long) => "int64",
        var t when t == typeof(double) => "float64",
        var t when t == typeof(float) => "float32",
        var t when t == typeof(bool) => "bool",
        _ => null,
    };

    // V1DeploymentSpec, V1beta1Foo, V2HorizontalPodAutoscaler, and group-qualified names such as Corev1EventSeries.
    [GeneratedRegex("^(?:[A-Z][a-z]+)?[Vv](?<version>[0-9]+(?:alpha[0-9]+|beta[0-9]+)?)(?<name>[A-Z].*)$")]
    private static partial Regex VersionedName();
}
