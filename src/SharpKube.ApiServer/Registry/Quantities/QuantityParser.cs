using System.Globalization;
using System.Text.RegularExpressions;

namespace SharpKube.ApiServer.Registry.Quantities;

/// <summary>
/// Parses Kubernetes resource quantities (<c>500m</c>, <c>1Gi</c>, <c>2e3</c>) to numbers, for comparisons such
/// as requests against limits and QoS classes. Values past decimal's range saturate.
/// </summary>
public static partial class QuantityParser
{
    /// <summary>Parses a quantity; false when the text is not a quantity.</summary>
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var match = QuantityRegex().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }
        var suffix = match.Groups[2].Value;
        decimal multiplier;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E')
        {
            if (!int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
            {
                return false;
            }
            multiplier = Power(10, exponent);
        }
        else
        {
            multiplier = suffix switch
            {
                "" => 1m,
                "n" => 0.000000001m,
                "u" => 0.000001m,
                "m" => 0.001m,
                "k" => 1e3m,
                "M" => 1e6m,
                "G" => 1e9m,
                "T" => 1e12m,
                "P" => 1e15m,
                "E" => 1e18m,
                "Ki" => 1024m,
                "Mi" => Power(1024, 2),
                "Gi" => Power(1024, 3),
                "Ti" => Power(1024, 4),
                "Pi" => Power(1024, 5),
                "Ei" => Power(1024, 6),
                _ => -1m,
            };
            if (multiplier < 0)
            {
                return false;
            }
        }
        try
        {
            value = number * multiplier;
        }
        catch (OverflowException)
        {
            value = number < 0 ? decimal.MinValue : decimal.MaxValue;
        }
        return true;
    }

    private static decimal Power(int radix, int exponent)
    {
        var result = 1m;
        try
        {
            for (var i = 0; i < Math.Abs(exponent); i++)
            {
                result = exponent > 0 ? result * radix : result / radix;
            }
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }
        return result;
    }

    [GeneratedRegex("^([+-]?[0-9]*\\.?[0-9]+|[+-]?[0-9]+\\.)([eEinumkKMGTP]*[-+]?[0-9]*)$")]
    private static partial Regex QuantityRegex();
}
