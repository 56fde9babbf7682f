using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Metadata;

/// <summary>Validates <c>metav1.LabelSelector</c>s and matches them against label maps.</summary>
public static class LabelSelectorValidation
{
    /// <summary>Validates matchLabels and matchExpressions of a selector (nothing when absent).</summary>
    public static void Validate(JsonObject? selector, string path, FieldErrorList errors, bool allowInvalidLabelValues = false)
    {
        if (selector is null)
        {
            return;
        }
        LabelValidation.ValidateLabels(selector.GetObject("matchLabels"), path + ".matchLabels", errors);
        foreach (var (index, requirement) in selector.GetArray("matchExpressions").ObjectItems())
        {
            var itemPath = $"{path}.matchExpressions[{index}]";
            var values = requirement.GetArray("values");
            var op = requirement.GetStringOrEmpty("operator");
            switch (op)
            {
                case "In" or "NotIn":
                    if (values.CountOf() == 0)
                    {
                        errors.Required(itemPath + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
                    }
                    break;
                case "Exists" or "DoesNotExist":
                    if (values.CountOf() > 0)
                    {
                        errors.Forbidden(itemPath + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }
                    break;
                default:
                    errors.Invalid(itemPath + ".operator", op, "not a valid selector operator");
                    break;
            }
            LabelValidation.ValidateLabelName(requirement.GetStringOrEmpty("key"), itemPath + ".key", errors);
            if (!allowInvalidLabelValues)
            {
                foreach (var (valueIndex, value) in values.StringItems())
                {
                    foreach (var message in NameFormat.LabelValue(value))
                    {
                        errors.Invalid($"{itemPath}.values[{valueIndex}]", value, message);
                    }
                }
            }
        }
    }

    /// <summary>True when the selector has neither matchLabels nor matchExpressions.</summary>
    public static bool IsEmpty(JsonObject? selector) =>
        (selector?.GetObject("matchLabels")?.Count ?? 0) == 0 && (selector?.GetArray("matchExpressions")).CountOf() == 0;

    /// <summary>
    /// True when the labels satisfy the selector. An empty selector matches everything; a requirement
    /// with an unknown operator matches nothing.
    /// </summary>
    public static bool Matches(JsonObject selector, JsonObject? labels)
    {
        var set = labels.StringEntries().ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var (key, value) in selector.GetObject("matchLabels").StringEntries())
        {
            if (!set.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        foreach (var (_, requirement) in selector.GetArray("matchExpressions").ObjectItems())
        {
            var key = requirement.GetStringOrEmpty("key");
            var values = requirement.GetArray("values").StringItems().Select(v => v.Item).ToHashSet(StringComparer.Ordinal);
            var present = set.TryGetValue(key, out var actual);
            var ok = requirement.GetStringOrEmpty("operator") switch
            {
                "In" => present && values.Contains(actual!),
                "NotIn" => !present || !values.Contains(actual!),
                "Exists" => present,
                "DoesNotExist" => !present,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
