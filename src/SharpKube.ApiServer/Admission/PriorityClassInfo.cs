using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Admission;

/// <summary>What the Priority admission plugin reads from a PriorityClass.</summary>
/// <param name="Name">The class's name.</param>
/// <param name="Value">The priority pods of the class get.</param>
/// <param name="PreemptionPolicy">The preemption policy pods of the class get (null: none set).</param>
/// <param name="GlobalDefault">Whether pods without a class get this one.</param>
public sealed record PriorityClassInfo(string Name, long Value, string? PreemptionPolicy, bool GlobalDefault)
{
    /// <summary>The two classes every cluster has, whether or not their objects exist yet.</summary>
    public static IReadOnlyList<PriorityClassInfo> SystemClasses { get; } =
    [
        new("system-node-critical", 2_000_001_000, "PreemptLowerPriority", false),
        new("system-cluster-critical", 2_000_000_000, "PreemptLowerPriority", false),
    ];

    /// <summary>Reads a stored PriorityClass object.</summary>
    public static PriorityClassInfo From(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new(obj.GetObject("metadata")?.GetStringOrEmpty("name") ?? "", obj.GetInt64("value") ?? 0, obj.GetString("preemptionPolicy"),
            obj.GetBoolean("globalDefault") == true);
    }
}
