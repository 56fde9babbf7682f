using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Validation;

/// <summary>The small field rules upstream applies everywhere: non-negative numbers and immutable fields.</summary>
public static class FieldRules
{
    /// <summary>Upstream's message for a negative number.</summary>
    public const string NegativeMessage = "must be greater than or equal to 0";

    /// <summary>Upstream's message for a changed immutable field.</summary>
    public const string ImmutableMessage = "field is immutable";

    /// <summary>Adds an error when the number is present and negative.</summary>
    public static void NonNegative(long? value, string path, FieldErrorList errors)
    {
        if (value < 0)
        {
            errors.Invalid(path, value.Value, NegativeMessage);
        }
    }

    /// <summary>
    /// Adds "field is immutable" when the new value differs from the old one. The bad value is the new value,
    /// rendered by <paramref name="render"/> (default: as a Go scalar).
    /// </summary>
    public static void Immutable(JsonNode? newValue, JsonNode? oldValue, string path, FieldErrorList errors,
        Func<JsonNode?, string>? render = null)
    {
        if (!SemanticEquality.AreEqual(newValue, oldValue))
        {
            errors.InvalidRaw(path, (render ?? GoValueFormat.Scalar)(newValue), ImmutableMessage);
        }
    }
}
