using System.Globalization;
using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.TypedDecoding;

/// <summary>
/// Reads JSON numbers by their literal text, as upstream's decoders do: a literal without fraction or exponent
/// that fits int64 is an integer (<c>int64</c> in an unstructured map); anything else is a float64.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>The literal text of a number value.</summary>
    public static string Literal(JsonValue value) => value.ToJsonString();

    /// <summary>Whether the number is written as an integer that fits int64.</summary>
    public static bool IsInteger(JsonValue value, out long integer)
    {
        // A parsed document answers without re-serialising the literal (no fraction or exponent, fits int64).
        if (value.TryGetValue(out integer))
        {
            return true;
        }
        var literal = Literal(value);
        integer = 0;
        return literal.IndexOfAny(['.', 'e', 'E']) < 0
            && long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer);
    }

    /// <summary>The number as a float64.</summary>
    public static double AsDouble(JsonValue value) =>
        double.Parse(Literal(value), NumberStyles.Float, CultureInfo.InvariantCulture);
}
