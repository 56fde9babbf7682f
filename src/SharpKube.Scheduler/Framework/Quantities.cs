using k8s.Models;

namespace SharpKube.Scheduler.Framework;

/// <summary>Reads quantities as upstream's <c>MilliValue()</c> and <c>Value()</c> do: rounded up, saturating.</summary>
public static class Quantities
{
    /// <summary>The quantity in thousandths (millicores for cpu), rounded up; 0 for a quantity that does not parse.</summary>
    public static long MilliValue(ResourceQuantity? quantity) => Scaled(quantity, 1000m);

    /// <summary>The quantity in whole units (bytes for memory), rounded up; 0 for a quantity that does not parse.</summary>
    public static long Value(ResourceQuantity? quantity) => Scaled(quantity, 1m);

    private static long Scaled(ResourceQuantity? quantity, decimal scale)
    {
        if (quantity is null)
        {
            return 0;
        }
        decimal value;
        try
        {
            value = quantity.ToDecimal();
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return 0;
        }
        try
        {
            var scaled = decimal.Ceiling(value * scale);
            return scaled >= long.MaxValue ? long.MaxValue : scaled <= long.MinValue ? long.MinValue : (long)scaled;
        }
        catch (OverflowException)
        {
            return value > 0 ? long.MaxValue : long.MinValue;
        }
    }
}
