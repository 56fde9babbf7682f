using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary><c>pods/binding</c>: assigns a pending pod to a node, as the scheduler does.</summary>
public static class PodBinding
{
    /// <summary>
    /// Binds pod <paramref name="name"/> to the node named in <paramref name="binding"/>'s target. As upstream, the
    /// binding credits no field manager: the pod's managedFields stay as they were, and neither <c>spec.nodeName</c>
    /// nor the PodScheduled condition it sets gets an owner.
    /// </summary>
    public static async Task BindAsync(ResourceStore pods, string ns, string name, JsonObject binding, WriteOptions options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var target = binding["target"] as JsonObject;
        var node = ObjectJson.GetString(target, "name");
        if (string.IsNullOrEmpty(node))
        {
            var errors = new FieldErrorList();
            errors.Required("target.name");
            throw StatusErrors.Invalid("", "Binding", name, errors);
        }
        var bindingName = ObjectJson.GetString(ObjectJson.Metadata(binding), "name");
        if (!string.IsNullOrEmpty(bindingName) && bindingName != name)
        {
            throw StatusErrors.BadRequest($"the name of the object ({bindingName}) does not match the name on the URL ({name})");
        }
        await pods.UpdateAsync(ns, name, current =>
        {
            var pod = current!;
            var spec = pod["spec"] as JsonObject ?? (JsonObject)(pod["spec"] = new JsonObject());
            if (ObjectJson.GetString(spec, "nodeName") is { Length: > 0 } assigned)
            {
                throw StatusErrors.Conflict(pods.Resource, name, $"pod {name} is already assigned to node \"{assigned}\"");
            }
            if (ObjectJson.Metadata(pod)["deletionTimestamp"] is not null)
            {
                throw StatusErrors.Conflict(pods.Resource, name, $"pod {name} is being deleted, cannot be assigned to a host");
            }
            spec["nodeName"] = node;
            var status = pod["status"] as JsonObject ?? (JsonObject)(pod["status"] = new JsonObject());
            var conditions = status["conditions"] as JsonArray ?? (JsonArray)(status["conditions"] = new JsonArray());
            var scheduled = conditions.OfType<JsonObject>().FirstOrDefault(c => ObjectJson.GetString(c, "type") == "PodScheduled");
            if (scheduled is null)
            {
                scheduled = new JsonObject { ["type"] = "PodScheduled" };
                conditions.Add(scheduled);
            }
            scheduled["status"] = "True";
            scheduled["lastProbeTime"] = null;
            scheduled["lastTransitionTime"] = ObjectJson.FormatTime(time.GetUtcNow());
            return pod;
        }, "binding", options with { RecordsManagedFields = false }, allowCreate: false, cancellationToken).ConfigureAwait(false);
    }
}
