using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Validates pod tolerations.</summary>
public static class TolerationValidation
{
    /// <summary>Taint effects, in upstream's order.</summary>
    public static readonly IReadOnlyList<string> Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>Validates keys, operators, values and effects.</summary>
    public static void Validate(JsonArray? tolerations, string path, FieldErrorList errors)
    {
        foreach (var (index, toleration) in tolerations.ObjectItems())
        {
            var itemPath = $"{path}[{index}]";
            var key = toleration.GetStringOrEmpty("key");
            var op = toleration.GetStringOrEmpty("operator");
            var value = toleration.GetStringOrEmpty("value");
            var effect = toleration.GetStringOrEmpty("effect");
            if (key.Length > 0)
            {
                LabelValidation.ValidateLabelName(key, itemPath + ".key", errors);
            }
            if (key.Length == 0 && op != "Exists")
            {
                errors.Invalid(itemPath + ".operator", op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            }
            if (toleration.Has("tolerationSeconds") && effect != "NoExecute")
            {
                errors.Invalid(itemPath + ".effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
            }
            switch (op)
            {
                case "Equal" or "":
                    var messages = NameFormat.LabelValue(value);
                    if (messages.Count > 0)
                    {
                        errors.Invalid(itemPath + ".operator", value, string.Join(";", messages));
                    }
                    break;
                case "Exists":
                    if (value.Length > 0)
                    {
                        errors.InvalidRaw(itemPath + ".operator", Render(toleration), "value must be empty when `operator` is 'Exists'");
                    }
                    break;
                default:
                    errors.NotSupported(itemPath + ".operator", op, ["Equal", "Exists"]);
                    break;
            }
            if (effect.Length > 0 && !Effects.Contains(effect))
            {
                errors.NotSupported(itemPath + ".effect", effect, Effects);
            }
        }
    }

    private static string Render(JsonObject toleration) =>
        "core.Toleration{Key:" + FieldErrorList.Quote(toleration.GetStringOrEmpty("key")) +
        ", Operator:" + FieldErrorList.Quote(toleration.GetStringOrEmpty("operator")) +
        ", Value:" + FieldErrorList.Quote(toleration.GetStringOrEmpty("value")) +
        ", Effect:" + FieldErrorList.Quote(toleration.GetStringOrEmpty("effect")) + ", TolerationSeconds:(*int64)(nil)}";
}
