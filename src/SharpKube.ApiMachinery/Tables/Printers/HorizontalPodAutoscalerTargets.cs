using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// The TARGETS cell of an HPA: each metric as <c>current/target</c>, current values taken from the
/// status metric at the same index; <c>&lt;unknown&gt;</c> when not yet observed.
/// </summary>
internal static class HorizontalPodAutoscalerTargets
{
    private const int MaxShown = 2;
    private const string Unknown = "<unknown>";

    // Go prints a nil *Quantity as "<nil>".
    private const string NilQuantity = "<nil>";

    /// <summary>Formats <c>autoscaling/v2</c> metric specs against the current metric statuses.</summary>
    public static string Format(JsonElement specs, JsonElement statuses)
    {
        if (specs.Count() == 0)
        {
            return "<none>";
        }
        var list = new ShortList(MaxShown);
        var index = 0;
        foreach (var spec in specs.Items())
        {
            list.Add(FormatMetric(spec, statuses.Item(index)));
            index++;
        }
        return list.Format(", ");
    }

    /// <summary>
    /// Formats an <c>autoscaling/v1</c> object, whose only metric is the CPU utilization target, as the
    /// v2 resource metric it converts to.
    /// </summary>
    public static string FormatV1(JsonElement spec, JsonElement status)
    {
        if (spec.Field("targetCPUUtilizationPercentage").Int64OrNull() is not { } target)
        {
            return "<none>";
        }
        var current = status.Field("currentCPUUtilizationPercentage").Int64OrNull() is { } value ? Percent(value) : Unknown;
        return "cpu: " + current + "/" + Percent(target);
    }

    private static string FormatMetric(JsonElement spec, JsonElement status) => spec.Field("type").Text() switch
    {
        "External" => FormatValueOrAverage(spec.At("external", "target"), status.Field("external")),
        "Object" => FormatValueOrAverage(spec.At("object", "target"), status.Field("object")),
        "Pods" => (status.Field("pods").IsPresent() ? Quantity(status.At("pods", "current", "averageValue")) : Unknown) +
            "/" + Quantity(spec.At("pods", "target", "averageValue")),
        "Resource" => FormatResource(spec.Field("resource"), status.Field("resource")),
        "ContainerResource" => FormatResource(spec.Field("containerResource"), status.Field("containerResource")),
        _ => "<unknown type>",
    };

    private static string FormatValueOrAverage(JsonElement target, JsonElement status)
    {
        var current = status.Field("current");
        if (target.Field("averageValue").IsPresent())
        {
            var average = current.Field("averageValue").IsPresent() ? Quantity(current.Field("averageValue")) : Unknown;
            return average + "/" + Quantity(target.Field("averageValue")) + " (avg)";
        }
        var value = status.IsPresent() ? Quantity(current.Field("value")) : Unknown;
        return value + "/" + Quantity(target.Field("value"));
    }

    private static string FormatResource(JsonElement spec, JsonElement status)
    {
        var name = spec.Field("name").Text();
        var target = spec.Field("target");
        if (target.Field("averageValue").IsPresent())
        {
            var average = status.IsPresent() ? Quantity(status.At("current", "averageValue")) : Unknown;
            return name + ": " + average + "/" + Quantity(target.Field("averageValue"));
        }
        var current = status.At("current", "averageUtilization").Int64OrNull() is { } utilization ? Percent(utilization) : Unknown;
        var goal = target.Field("averageUtilization").Int64OrNull() is { } averageUtilization ? Percent(averageUtilization) : "<auto>";
        return name + ": " + current + "/" + goal;
    }

    private static string Quantity(JsonElement quantity) => quantity.QuantityOrNull() ?? NilQuantity;

    private static string Percent(long value) => value.ToString(CultureInfo.InvariantCulture) + "%";
}
