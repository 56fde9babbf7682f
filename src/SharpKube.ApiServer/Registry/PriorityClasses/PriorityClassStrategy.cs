using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.PriorityClasses;

/// <summary>
/// scheduling.k8s.io/v1 PriorityClass (cluster-scoped): preemptionPolicy PreemptLowerPriority by default; user
/// classes at most one billion; the <c>system-</c> prefix is reserved; value and policy never change.
/// </summary>
public sealed class PriorityClassStrategy : ResourceStrategy
{
    /// <summary>Highest value a user-defined class may have.</summary>
    public const long HighestUserDefinablePriority = 1_000_000_000;

    private static readonly Dictionary<string, long> SystemClasses = new(StringComparer.Ordinal)
    {
        ["system-node-critical"] = 2_000_001_000,
        ["system-cluster-critical"] = 2_000_000_000,
    };

    /// <summary>The shared instance.</summary>
    public static PriorityClassStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj) => obj.SetIfAbsent("preemptionPolicy", "PreemptLowerPriority");

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var name = obj.GetObject("metadata")?.GetStringOrEmpty("name") ?? "";
        var value = obj.GetInt64("value") ?? 0;
        if (name.StartsWith("system-", StringComparison.Ordinal))
        {
            string? problem = !SystemClasses.TryGetValue(name, out var expected)
                ? $"name {name} is not a known system priority class"
                : value != expected
                    ? $"value of {name} PriorityClass must be {expected}"
                    : obj.GetBoolean("globalDefault") == true ? $"globalDefault of {name} PriorityClass must be false" : null;
            if (problem is not null)
            {
                errors.Forbidden("metadata.name", "priority class names with 'system-' prefix are reserved for system use only. error: " + problem);
            }
        }
        else if (value > HighestUserDefinablePriority)
        {
            errors.Forbidden("value", $"maximum allowed value of a user defined priority is {HighestUserDefinablePriority}");
        }
        if (obj.GetString("preemptionPolicy") is { } policy && policy is not ("PreemptLowerPriority" or "Never"))
        {
            errors.NotSupported("preemptionPolicy", policy, ["PreemptLowerPriority", "Never"]);
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        Validate(obj, errors);
        if ((obj.GetInt64("value") ?? 0) != (old.GetInt64("value") ?? 0))
        {
            errors.Forbidden("value", "may not be changed in an update.");
        }
        if (obj.GetString("preemptionPolicy") != old.GetString("preemptionPolicy"))
        {
            errors.Forbidden("preemptionPolicy", "may not be changed in an update.");
        }
    }
}
