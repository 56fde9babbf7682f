using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiMachinery.Selectors;

namespace SharpKube.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// PodTopologySpread's arguments: <c>defaultingType</c> (System by default) and, with List, <c>defaultConstraints</c>
/// for pods without constraints of their own, checked as upstream's <c>ValidatePodTopologySpreadArgs</c>.
/// </summary>
public sealed record PodTopologySpreadArgs
{
    /// <summary>Upstream's system default constraints (both ScheduleAnyway, selectors deduced per pod).</summary>
    public static IReadOnlyList<V1TopologySpreadConstraint> SystemDefaultConstraints { get; } =
    [
        new() { TopologyKey = "kubernetes.io/hostname", WhenUnsatisfiable = "ScheduleAnyway", MaxSkew = 3 },
        new() { TopologyKey = "topology.kubernetes.io/zone", WhenUnsatisfiable = "ScheduleAnyway", MaxSkew = 5 },
    ];

    /// <summary>Where default constraints come from.</summary>
    public DefaultingType DefaultingType { get; init; } = DefaultingType.System;

    /// <summary>The List defaulting's constraints.</summary>
    public IReadOnlyList<V1TopologySpreadConstraint> DefaultConstraints { get; init; } = [];

    /// <summary>The constraints that apply to pods without any: the system's or the list.</summary>
    public IReadOnlyList<V1TopologySpreadConstraint> EffectiveDefaultConstraints =>
        DefaultingType == DefaultingType.System ? SystemDefaultConstraints : DefaultConstraints;

    /// <summary>The arguments as a profile's <c>pluginConfig</c> gives them (null: the defaults).</summary>
    /// <exception cref="FormatException">Upstream's validation refuses them (its field errors, aggregated).</exception>
    public static PodTopologySpreadArgs Parse(JsonObject? args)
    {
        var parsed = new PodTopologySpreadArgs();
        if (args is null)
        {
            return parsed;
        }
        var errors = new List<string>();
        var typeText = args["defaultingType"]?.GetValue<string>() ?? "System";
        List<V1TopologySpreadConstraint> constraints = [];
        if (args["defaultConstraints"] is JsonArray array)
        {
            try
            {
                constraints = [.. array.Select(c => KubernetesJson.Deserialize<V1TopologySpreadConstraint>(c?.ToJsonString() ?? "{}"))];
            }
            catch (JsonException e)
            {
                throw new FormatException("defaultConstraints: " + e.Message, e);
            }
        }
        var type = typeText switch
        {
            "System" => DefaultingType.System,
            "List" => DefaultingType.List,
            _ => (DefaultingType?)null,
        };
        if (type is null)
        {
            errors.Add(new FieldError(FieldErrorType.NotSupported, "defaultingType", Quote(typeText), "supported values: \"System\", \"List\"").ToString());
        }
        else if (type == DefaultingType.System && constraints.Count > 0)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, "defaultingType", Quote(typeText), "when .defaultConstraints are not empty").ToString());
        }
        for (var i = 0; i < constraints.Count; i++)
        {
            Validate(constraints, i, errors);
        }
        return errors.Count switch
        {
            0 => parsed with { DefaultingType = type!.Value, DefaultConstraints = constraints },
            1 => throw new FormatException(errors[0]),
            _ => throw new FormatException("[" + string.Join(", ", errors) + "]"),
        };
    }

    private static void Validate(List<V1TopologySpreadConstraint> constraints, int index, List<string> errors)
    {
        var c = constraints[index];
        var path = $"defaultConstraints[{index}]";
        if (c.MaxSkew <= 0)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, path + ".maxSkew", c.MaxSkew.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "not in valid range (0, inf)").ToString());
        }
        if (string.IsNullOrEmpty(c.TopologyKey))
        {
            errors.Add(new FieldError(FieldErrorType.Required, path + ".topologyKey", null, "can not be empty").ToString());
        }
        else
        {
            try
            {
                LabelRequirement.Create(c.TopologyKey, SelectorOperator.Exists, []);
            }
            catch (SelectorParseException e)
            {
                // The requirement's error names the field "key": it is the topology key's.
                errors.Add(path + ".topologyKey" + e.Message["key".Length..]);
            }
        }
        if (string.IsNullOrEmpty(c.WhenUnsatisfiable))
        {
            errors.Add(new FieldError(FieldErrorType.Required, path + ".whenUnsatisfiable", null, "can not be empty").ToString());
        }
        else if (c.WhenUnsatisfiable is not ("DoNotSchedule" or "ScheduleAnyway"))
        {
            errors.Add(new FieldError(FieldErrorType.NotSupported, path + ".whenUnsatisfiable", Quote(c.WhenUnsatisfiable),
                "supported values: \"DoNotSchedule\", \"ScheduleAnyway\"").ToString());
        }
        if (c.LabelSelector is not null)
        {
            errors.Add(new FieldError(FieldErrorType.Forbidden, path + ".labelSelector", null,
                "constraint must not define a selector, as they deduced for each pod").ToString());
        }
        for (var j = 0; j < index; j++)
        {
            if (constraints[j].TopologyKey == c.TopologyKey && constraints[j].WhenUnsatisfiable == c.WhenUnsatisfiable)
            {
                errors.Add(new FieldError(FieldErrorType.Duplicate, path, Quote($"{{{c.TopologyKey}, {c.WhenUnsatisfiable}}}"), "").ToString());
                break;
            }
        }
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
