using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Quantities;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Validates a container's <c>resources</c>: resource names, non-negative amounts, requests within limits.</summary>
public static class ResourceRequirementsValidation
{
    private static readonly HashSet<string> StandardContainerResources =
        new(StringComparer.Ordinal) { "cpu", "memory", "ephemeral-storage" };

    /// <summary>Validates limits and requests.</summary>
    public static void Validate(JsonObject? resources, string path, FieldErrorList errors)
    {
        if (resources is null)
        {
            return;
        }
        var limits = resources.GetObject("limits");
        foreach (var (name, value) in limits ?? [])
        {
            ValidateEntry(name, value, $"{path}.limits[{name}]", errors);
        }
        foreach (var (name, value) in resources.GetObject("requests") ?? [])
        {
            ValidateEntry(name, value, $"{path}.requests[{name}]", errors);
            var text = PodQosClass.QuantityText(value);
            if (limits?[name] is { } limitNode)
            {
                var limitText = PodQosClass.QuantityText(limitNode);
                if (QuantityParser.TryParse(text, out var request) && QuantityParser.TryParse(limitText, out var limit))
                {
                    if (request != limit && !IsOvercommitAllowed(name))
                    {
                        errors.Invalid(path + ".requests", text, $"must be equal to {name} limit of {limitText}");
                    }
                    else if (request > limit)
                    {
                        errors.Invalid(path + ".requests", text, $"must be less than or equal to {name} limit of {limitText}");
                    }
                }
            }
            else if (!IsOvercommitAllowed(name))
            {
                errors.Required(path + ".limits", "Limit must be set for non overcommitable resources");
            }
        }
    }

    private static void ValidateEntry(string name, JsonNode? value, string path, FieldErrorList errors)
    {
        var messages = NameFormat.QualifiedName(name);
        foreach (var message in messages)
        {
            errors.Invalid(path, name, message);
        }
        if (messages.Count == 0)
        {
            if (!name.Contains('/', StringComparison.Ordinal))
            {
                if (!StandardContainerResources.Contains(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal))
                {
                    errors.Invalid(path, name, "must be a standard resource for containers");
                }
            }
            else if (!IsNative(name) && IsReservedExtendedName(name))
            {
                errors.Invalid(path, name, "doesn't follow extended resource name standard");
            }
        }
        var text = PodQosClass.QuantityText(value);
        if (QuantityParser.TryParse(text, out var amount) && amount < 0)
        {
            errors.Invalid(path, text, FieldRules.NegativeMessage);
        }
    }

    private static bool IsNative(string name) =>
        !name.Contains('/', StringComparison.Ordinal) || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    private static bool IsReservedExtendedName(string name) =>
        name.StartsWith("requests.", StringComparison.Ordinal) || NameFormat.QualifiedName("requests." + name).Count > 0;

    private static bool IsOvercommitAllowed(string name) =>
        IsNative(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal);
}
