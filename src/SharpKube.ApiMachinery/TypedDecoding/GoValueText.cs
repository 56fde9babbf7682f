using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpKube.ApiMachinery.TypedDecoding;

/// <summary>
/// Renders a decoded JSON value the way Go's <c>%v</c> prints a <c>map[string]interface{}</c> tree, which upstream
/// puts in a strategic merge patch's error: <c>map[spec:map[replicas:abc]]</c>. Keys are sorted, strings bare,
/// integers as written, other numbers as Go's shortest <c>%g</c>, null as <c>&lt;nil&gt;</c>.
/// </summary>
internal static class GoValueText
{
    /// <summary>The <c>%v</c> text of <paramref name="value"/>.</summary>
    public static string Format(JsonNode? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    /// <summary>Go's <c>%v</c> of a float64: shortest digits, exponent form below 1e-4 and from 1e+06 on.</summary>
    public static string Float(double value)
    {
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }
        // Shortest round-trip digits: "R" gives them, in a layout that varies; normalise to digits and a decimal point.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var decimalPoint = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        decimalPoint -= leadingZeros;
        var sign = value < 0 ? "-" : "";
        var exp = decimalPoint - 1;
        if (exp < -4 || exp >= 6)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : "";
            return $"{sign}{digits[0]}{fraction}e{(exp < 0 ? '-' : '+')}{Math.Abs(exp):00}";
        }
        if (decimalPoint <= 0)
        {
            return sign + "0." + new string('0', -decimalPoint) + digits;
        }
        return decimalPoint >= digits.Length
            ? sign + digits + new string('0', decimalPoint - digits.Length)
            : sign + digits[..decimalPoint] + "." + digits[decimalPoint..];
    }

    private static void Append(StringBuilder builder, JsonNode? value)
    {
        switch (value)
        {
            case null:
                builder.Append("<nil>");
                break;
            case JsonObject map:
                builder.Append("map[");
                var first = true;
                foreach (var (key, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? "" : " ").Append(key).Append(':');
                    Append(builder, item);
                    first = false;
                }
                builder.Append(']');
                break;
            case JsonArray list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    builder.Append(i == 0 ? "" : " ");
                    Append(builder, list[i]);
                }
                builder.Append(']');
                break;
            default:
                builder.Append(Scalar((JsonValue)value));
                break;
        }
    }

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number when JsonNumbers.IsInteger(value, out var integer) => integer.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => Float(JsonNumbers.AsDouble(value)),
        _ => "<nil>",
    };
}
