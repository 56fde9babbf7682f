using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Workloads;

/// <summary>Rules the apps-group workloads share: label selectors, int-or-percent fields, selector immutability.</summary>
public static class WorkloadValidation
{
    /// <summary>
    /// spec.selector is required, valid and not empty (<c>empty selector is invalid for &lt;kindWord&gt;</c>;
    /// upstream says "deployment" for ReplicaSets too).
    /// </summary>
    public static void ValidateSelector(JsonObject spec, string kindWord, FieldErrorList errors)
    {
        var selector = spec.GetObject("selector");
        if (selector is null)
        {
            errors.Required("spec.selector");
            return;
        }
        LabelSelectorValidation.Validate(selector, "spec.selector", errors);
        if (LabelSelectorValidation.IsEmpty(selector))
        {
            errors.InvalidRaw("spec.selector", GoValueFormat.LabelSelector(selector), $"empty selector is invalid for {kindWord}");
        }
    }

    /// <summary>apps/v1 refuses selector changes.</summary>
    public static void ValidateSelectorImmutable(JsonObject obj, JsonObject old, FieldErrorList errors) =>
        FieldRules.Immutable(obj.GetObject("spec")?["selector"], old.GetObject("spec")?["selector"], "spec.selector", errors,
            v => GoValueFormat.LabelSelector(v as JsonObject));

    /// <summary>A non-negative integer or a percentage string.</summary>
    public static void ValidatePositiveIntOrPercent(JsonNode? value, string path, FieldErrorList errors)
    {
        if (JsonObjectExtensions.AsString(value) is { } text)
        {
            foreach (var message in ValueFormat.Percent(text))
            {
                errors.InvalidRaw(path, GoValueFormat.IntOrString(value), message);
            }
        }
        else if (JsonObjectExtensions.AsInt64(value) is { } number)
        {
            FieldRules.NonNegative(number, path, errors);
        }
        else if (value is not null)
        {
            errors.InvalidRaw(path, GoValueFormat.IntOrString(value), "must be an integer or percentage (e.g '5%')");
        }
    }

    /// <summary>A percentage may not exceed 100%.</summary>
    public static void ValidateNotMoreThan100Percent(JsonNode? value, string path, FieldErrorList errors)
    {
        if (JsonObjectExtensions.AsString(value) is { } text && text.EndsWith('%') && IntOrPercentValue(value) > 100)
        {
            errors.InvalidRaw(path, GoValueFormat.IntOrString(value), "must not be greater than 100%");
        }
    }

    /// <summary>The number in an int-or-percent value (25 for "25%"), 0 when absent or malformed.</summary>
    public static long IntOrPercentValue(JsonNode? value)
    {
        if (JsonObjectExtensions.AsString(value) is { } text)
        {
            return long.TryParse(text.TrimEnd('%'), out var percent) ? percent : 0;
        }
        return JsonObjectExtensions.AsInt64(value) ?? 0;
    }
}
