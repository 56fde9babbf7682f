using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>
/// Validates <c>spec.affinity</c> as upstream's <c>validateAffinity</c>: node selector terms (operators and their value
/// counts, label keys, <c>matchFields</c> only on <c>metadata.name</c>), preferred weights 1–100, and pod (anti-)affinity
/// terms (label and namespace selectors, namespaces, a non-empty qualified topology key). As upstream, the values of
/// <c>Gt</c>/<c>Lt</c> are not checked to be integers: the scheduler finds out.
/// </summary>
public static class AffinityValidation
{
    /// <summary>Validates the affinity at <paramref name="path"/> (nothing when absent).</summary>
    public static void Validate(JsonObject? affinity, string path, FieldErrorList errors)
    {
        if (affinity is null)
        {
            return;
        }
        if (affinity.GetObject("nodeAffinity") is { } nodeAffinity)
        {
            ValidateNodeAffinity(nodeAffinity, path + ".nodeAffinity", errors);
        }
        foreach (var kind in (string[])["podAffinity", "podAntiAffinity"])
        {
            if (affinity.GetObject(kind) is not { } podAffinity)
            {
                continue;
            }
            var kindPath = path + "." + kind;
            foreach (var (index, term) in podAffinity.GetArray("requiredDuringSchedulingIgnoredDuringExecution").ObjectItems())
            {
                ValidatePodAffinityTerm(term, $"{kindPath}.requiredDuringSchedulingIgnoredDuringExecution[{index}]", errors);
            }
            foreach (var (index, weighted) in podAffinity.GetArray("preferredDuringSchedulingIgnoredDuringExecution").ObjectItems())
            {
                var itemPath = $"{kindPath}.preferredDuringSchedulingIgnoredDuringExecution[{index}]";
                ValidateWeight(weighted, itemPath, errors);
                ValidatePodAffinityTerm(weighted.GetObject("podAffinityTerm") ?? [], itemPath + ".podAffinityTerm", errors);
            }
        }
    }

    /// <summary>Validates a node selector (a pod's required node affinity, or a volume's): at least one term, each valid.</summary>
    public static void ValidateNodeSelector(JsonObject selector, string path, FieldErrorList errors)
    {
        var terms = selector.GetArray("nodeSelectorTerms");
        if (terms.CountOf() == 0)
        {
            errors.Required(path + ".nodeSelectorTerms", "must have at least one node selector term");
            return;
        }
        foreach (var (index, term) in terms.ObjectItems())
        {
            ValidateNodeSelectorTerm(term, $"{path}.nodeSelectorTerms[{index}]", errors);
        }
    }

    private static void ValidateNodeAffinity(JsonObject nodeAffinity, string path, FieldErrorList errors)
    {
        if (nodeAffinity.GetObject("requiredDuringSchedulingIgnoredDuringExecution") is { } required)
        {
            ValidateNodeSelector(required, path + ".requiredDuringSchedulingIgnoredDuringExecution", errors);
        }
        foreach (var (index, preferred) in nodeAffinity.GetArray("preferredDuringSchedulingIgnoredDuringExecution").ObjectItems())
        {
            var itemPath = $"{path}.preferredDuringSchedulingIgnoredDuringExecution[{index}]";
            ValidateWeight(preferred, itemPath, errors);
            ValidateNodeSelectorTerm(preferred.GetObject("preference") ?? [], itemPath + ".preference", errors);
        }
    }

    private static void ValidateWeight(JsonObject weighted, string path, FieldErrorList errors)
    {
        var weight = weighted.GetInt64("weight") ?? 0;
        if (weight is <= 0 or > 100)
        {
            errors.Invalid(path + ".weight", weight, "must be in the range 1-100");
        }
    }

    private static void ValidateNodeSelectorTerm(JsonObject term, string path, FieldErrorList errors)
    {
        foreach (var (index, requirement) in term.GetArray("matchExpressions").ObjectItems())
        {
            var itemPath = $"{path}.matchExpressions[{index}]";
            var count = requirement.GetArray("values").CountOf();
            var op = requirement.GetStringOrEmpty("operator");
            switch (op)
            {
                case "In" or "NotIn" when count == 0:
                    errors.Required(itemPath + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
                    break;
                case "Exists" or "DoesNotExist" when count > 0:
                    errors.Forbidden(itemPath + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    break;
                case "Gt" or "Lt" when count != 1:
                    errors.Required(itemPath + ".values", "must be specified single value when `operator` is 'Lt' or 'Gt'");
                    break;
                case "In" or "NotIn" or "Exists" or "DoesNotExist" or "Gt" or "Lt":
                    break;
                default:
                    errors.Invalid(itemPath + ".operator", op, "not a valid selector operator");
                    break;
            }
            LabelValidation.ValidateLabelName(requirement.GetStringOrEmpty("key"), itemPath + ".key", errors);
        }
        foreach (var (index, requirement) in term.GetArray("matchFields").ObjectItems())
        {
            var itemPath = $"{path}.matchFields[{index}]";
            var op = requirement.GetStringOrEmpty("operator");
            if (op is "In" or "NotIn")
            {
                if (requirement.GetArray("values").CountOf() != 1)
                {
                    errors.Required(itemPath + ".values", "must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
                }
            }
            else
            {
                errors.Invalid(itemPath + ".operator", op, "not a valid selector operator");
            }
            var key = requirement.GetStringOrEmpty("key");
            if (key != "metadata.name")
            {
                errors.Invalid(itemPath + ".key", key, "not a valid field selector key");
                continue;
            }
            foreach (var (valueIndex, value) in requirement.GetArray("values").StringItems())
            {
                foreach (var message in NameFormat.Dns1123Subdomain(value))
                {
                    errors.Invalid($"{itemPath}.values[{valueIndex}]", value, message);
                }
            }
        }
    }

    private static void ValidatePodAffinityTerm(JsonObject term, string path, FieldErrorList errors)
    {
        LabelSelectorValidation.Validate(term.GetObject("labelSelector"), path + ".labelSelector", errors);
        LabelSelectorValidation.Validate(term.GetObject("namespaceSelector"), path + ".namespaceSelector", errors);
        foreach (var (_, ns) in term.GetArray("namespaces").StringItems())
        {
            foreach (var message in NameFormat.Dns1123Label(ns))
            {
                errors.Invalid(path + ".namespace", ns, message);
            }
        }
        var topologyKey = term.GetStringOrEmpty("topologyKey");
        if (topologyKey.Length == 0)
        {
            errors.Required(path + ".topologyKey", "can not be empty");
        }
        LabelValidation.ValidateLabelName(topologyKey, path + ".topologyKey", errors);
    }
}
