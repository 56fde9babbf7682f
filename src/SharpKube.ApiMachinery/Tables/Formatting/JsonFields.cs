using System.Globalization;
using System.Text.Json;

namespace SharpKube.ApiMachinery.Tables.Formatting;

/// <summary>
/// Tolerant reads of stored objects: a missing field, a null or a value of the wrong JSON type reads
/// as absent (Go's zero value), never as an exception — printers must print whatever they are given.
/// </summary>
internal static class JsonFields
{
    /// <summary>The named property, or an undefined element when absent or when this is not an object.</summary>
    public static JsonElement Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>Follows a path of property names.</summary>
    public static JsonElement At(this JsonElement element, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            element = element.Field(name);
        }
        return element;
    }

    /// <summary>True when the value is present and not null (a Go pointer that is not nil).</summary>
    public static bool IsPresent(this JsonElement element) =>
        element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    /// <summary>The string value, or empty when absent or not a string.</summary>
    public static string Text(this JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() ?? "" : "";

    /// <summary>The string value, or null when absent or not a string (a nil <c>*string</c>).</summary>
    public static string? TextOrNull(this JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    /// <summary>The integer value, or 0 when absent or not a number; fractions are truncated.</summary>
    public static long Int64(this JsonElement element) => element.Int64OrNull() ?? 0;

    /// <summary>The integer value, or null when absent or not a number (a nil <c>*int32</c>).</summary>
    public static long? Int64OrNull(this JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            return null;
        }
        if (element.TryGetInt64(out var value))
        {
            return value;
        }
        var real = element.GetDouble();
        return double.IsFinite(real) && Math.Abs(real) < long.MaxValue ? (long)real : 0;
    }

    /// <summary>True only for a JSON <c>true</c>.</summary>
    public static bool Bool(this JsonElement element) => element.ValueKind == JsonValueKind.True;

    /// <summary>The boolean value, or null when absent or not a boolean (a nil <c>*bool</c>).</summary>
    public static bool? BoolOrNull(this JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>The array's items; empty when absent or not an array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [];

    /// <summary>The number of array items; 0 when absent or not an array.</summary>
    public static int Count(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : 0;

    /// <summary>The item at <paramref name="index"/>, or an undefined element when out of range.</summary>
    public static JsonElement Item(this JsonElement element, int index) =>
        element.ValueKind == JsonValueKind.Array && index >= 0 && index < element.GetArrayLength() ? element[index] : default;

    /// <summary>The object's properties; empty when absent or not an object.</summary>
    public static IEnumerable<JsonProperty> Properties(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : [];

    /// <summary>The number of properties of a map; 0 when absent or not an object.</summary>
    public static int PropertyCount(this JsonElement element)
    {
        var count = 0;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var _ in element.EnumerateObject())
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// A <c>resource.Quantity</c> exactly as stored (a string, or a bare JSON number); null when absent.
    /// </summary>
    public static string? QuantityOrNull(this JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };

    /// <summary>An <c>intstr.IntOrString</c> as Go's <c>String()</c> renders it; null when absent.</summary>
    public static string? IntOrStringOrNull(this JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.Int64().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// A <c>metav1.Time</c> or <c>metav1.MicroTime</c> (RFC 3339, optionally with fractional seconds);
    /// null when absent, unparsable or Go's zero time.
    /// </summary>
    public static DateTimeOffset? Timestamp(this JsonElement element)
    {
        var text = element.TextOrNull();
        if (string.IsNullOrEmpty(text) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return null;
        }
        return value.UtcTicks <= DateTimeOffset.MinValue.AddDays(1).UtcTicks ? null : value;
    }
}
