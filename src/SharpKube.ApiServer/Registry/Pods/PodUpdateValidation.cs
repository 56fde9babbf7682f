using System.Text;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>
/// What a pod update may change: container and init container images, a lower activeDeadlineSeconds, added
/// tolerations (or their tolerationSeconds), removed scheduling gates, a negative grace period set to 1.
/// Anything else in the spec is refused with upstream's message.
/// </summary>
public static class PodUpdateValidation
{
    /// <summary>Upstream's (v1.32) message, without the trailing spec diff.</summary>
    public const string SpecForbiddenMessage =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`," +
        "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations)," +
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    /// <summary>Validates the spec changes of a pod update.</summary>
    public static void Validate(JsonObject pod, JsonObject oldPod, FieldErrorList errors)
    {
        var spec = pod.GetObject("spec") ?? [];
        var oldSpec = oldPod.GetObject("spec") ?? [];
        if (!ValidateActiveDeadline(spec, oldSpec, errors))
        {
            return;
        }
        foreach (var list in (string[])["containers", "initContainers"])
        {
            if (spec.GetArray(list).CountOf() != oldSpec.GetArray(list).CountOf())
            {
                errors.Forbidden("spec." + list, "pod updates may not add or remove containers");
                return;
            }
            foreach (var (index, container) in spec.GetArray(list).ObjectItems())
            {
                var image = container.GetStringOrEmpty("image");
                if (image.Length == 0)
                {
                    errors.Required($"spec.{list}[{index}].image");
                }
                if (image.Trim().Length != image.Length)
                {
                    errors.Invalid($"spec.{list}[{index}].image", image, "must not have leading or trailing whitespace");
                }
            }
        }
        ValidateOnlyAddedTolerations(spec.GetArray("tolerations"), oldSpec.GetArray("tolerations"), errors);
        ValidateOnlyRemovedGates(spec.GetArray("schedulingGates"), oldSpec.GetArray("schedulingGates"), errors);
        if (SemanticEquality.AreEqual(spec, oldSpec))
        {
            return;
        }
        var newQos = PodQosClass.Compute(spec);
        if (newQos != PodQosClass.Compute(oldSpec))
        {
            errors.Invalid("metadata", pod.GetObject("status")?.GetStringOrEmpty("qosClass") ?? newQos, "Pod QoS is immutable");
        }
        var munged = Munge(spec, oldSpec);
        if (!SemanticEquality.AreEqual(munged, oldSpec))
        {
            errors.Forbidden("spec", SpecForbiddenMessage + "\n" + Diff(oldSpec, munged));
        }
    }

    private static bool ValidateActiveDeadline(JsonObject spec, JsonObject oldSpec, FieldErrorList errors)
    {
        var deadline = spec.GetInt64("activeDeadlineSeconds");
        var oldDeadline = oldSpec.GetInt64("activeDeadlineSeconds");
        if (deadline is { } value)
        {
            if (value is < 0 or > int.MaxValue)
            {
                errors.Invalid("spec.activeDeadlineSeconds", value, ValueFormat.InclusiveRangeError(0, int.MaxValue));
                return false;
            }
            if (oldDeadline < value)
            {
                errors.Invalid("spec.activeDeadlineSeconds", value, "must be less than or equal to previous value");
                return false;
            }
        }
        else if (oldDeadline is not null)
        {
            errors.InvalidRaw("spec.activeDeadlineSeconds", "null", "must not update from a positive integer to nil value");
        }
        return true;
    }

    private static void ValidateOnlyAddedTolerations(JsonArray? tolerations, JsonArray? oldTolerations, FieldErrorList errors)
    {
        foreach (var (_, old) in oldTolerations.ObjectItems())
        {
            var found = tolerations.ObjectItems().Any(t =>
            {
                var candidate = (JsonObject)old.DeepClone();
                candidate["tolerationSeconds"] = t.Item["tolerationSeconds"]?.DeepClone();
                return SemanticEquality.AreEqual(candidate, t.Item);
            });
            if (!found)
            {
                errors.Forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds");
                return;
            }
        }
    }

    private static void ValidateOnlyRemovedGates(JsonArray? gates, JsonArray? oldGates, FieldErrorList errors)
    {
        var old = oldGates.ObjectItems().Select(g => g.Item.GetStringOrEmpty("name")).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, gate) in gates.ObjectItems())
        {
            var name = gate.GetStringOrEmpty("name");
            if (!old.Contains(name))
            {
                errors.Forbidden("spec.schedulingGates", $"only deletion is allowed, but found new scheduling gate '{name}'");
            }
        }
    }

    /// <summary>The new spec with every field an update may change put back to its old value.</summary>
    private static JsonObject Munge(JsonObject spec, JsonObject oldSpec)
    {
        var munged = (JsonObject)spec.DeepClone();
        foreach (var list in (string[])["containers", "initContainers"])
        {
            var oldList = oldSpec.GetArray(list);
            foreach (var (index, container) in munged.GetArray(list).ObjectItems())
            {
                container["image"] = (oldList?[index] as JsonObject)?["image"]?.DeepClone();
            }
        }
        foreach (var key in (string[])["activeDeadlineSeconds", "schedulingGates", "tolerations"])
        {
            munged[key] = oldSpec[key]?.DeepClone();
        }
        if (oldSpec.GetInt64("terminationGracePeriodSeconds") < 0 && munged.GetInt64("terminationGracePeriodSeconds") == 1)
        {
            munged["terminationGracePeriodSeconds"] = oldSpec["terminationGracePeriodSeconds"]!.DeepClone();
        }
        if (oldSpec.GetArray("schedulingGates").CountOf() > 0 && IsSuperset(munged.GetObject("nodeSelector"), oldSpec.GetObject("nodeSelector")))
        {
            // Gated pods may gain nodeSelector entries (but not lose or change them).
            munged["nodeSelector"] = oldSpec["nodeSelector"]?.DeepClone();
        }
        return munged;
    }

    private static bool IsSuperset(JsonObject? selector, JsonObject? old) =>
        old.StringEntries().All(e => selector?.GetString(e.Key) == e.Value);

    /// <summary>A short line-per-field diff in the spirit of the Go diff upstream appends.</summary>
    private static string Diff(JsonObject oldSpec, JsonObject newSpec)
    {
        var text = new StringBuilder("  core.PodSpec{\n");
        AppendDiff(text, "", oldSpec, newSpec);
        return text.Append("  }\n").ToString();
    }

    private static void AppendDiff(StringBuilder text, string path, JsonNode? old, JsonNode? current)
    {
        if (SemanticEquality.AreEqual(old, current))
        {
            return;
        }
        switch (old, current)
        {
            case (JsonObject o, JsonObject c):
                foreach (var key in o.Select(p => p.Key).Union(c.Select(p => p.Key), StringComparer.Ordinal))
                {
                    AppendDiff(text, path.Length == 0 ? key : path + "." + key, o[key], c[key]);
                }
                return;
            case (JsonArray o, JsonArray c) when o.Count == c.Count:
                for (var i = 0; i < o.Count; i++)
                {
                    AppendDiff(text, $"{path}[{i}]", o[i], c[i]);
                }
                return;
            default:
                text.Append("- \t").Append(path).Append(": ").Append(old?.ToJsonString() ?? "nil").Append(",\n");
                text.Append("+ \t").Append(path).Append(": ").Append(current?.ToJsonString() ?? "nil").Append(",\n");
                return;
        }
    }
}
