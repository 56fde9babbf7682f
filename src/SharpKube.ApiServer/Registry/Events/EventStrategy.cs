using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Events;

/// <summary>
/// Events (core/v1 and events.k8s.io/v1 share storage): the object an event is about must live in the
/// event's namespace; events.k8s.io events also need their reporting controller and instance.
/// </summary>
public sealed class EventStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static EventStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var ns = obj.GetObject("metadata")?.GetStringOrEmpty("namespace") ?? "";
        var isEventsGroup = obj.GetStringOrEmpty("apiVersion").StartsWith("events.k8s.io/", StringComparison.Ordinal);
        var target = isEventsGroup ? "regarding" : "involvedObject";
        var targetNamespace = obj.GetObject(target)?.GetStringOrEmpty("namespace") ?? "";
        if (targetNamespace.Length == 0 ? ns is not ("" or "default") : targetNamespace != ns)
        {
            errors.Invalid(target + ".namespace", targetNamespace, "does not match event.namespace");
        }
        if (isEventsGroup)
        {
            foreach (var key in (string[])["reportingController", "reportingInstance", "action", "reason"])
            {
                if (obj.GetStringOrEmpty(key).Length == 0)
                {
                    errors.Required(key);
                }
            }
            var type = obj.GetStringOrEmpty("type");
            if (type is not ("Normal" or "Warning"))
            {
                errors.Invalid("type", type, "has invalid value: " + type);
            }
        }
    }
}
