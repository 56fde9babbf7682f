using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.PodLogs;

/// <summary>Which of a pod's containers a log (or exec, attach) request means, with upstream's errors.</summary>
public static class PodContainers
{
    /// <summary>
    /// The container named <paramref name="requested"/>, which must be one of the pod's containers, init containers or
    /// ephemeral containers; when none is named, the pod's only container.
    /// </summary>
    /// <exception cref="StatusException">400 when none is named and the pod has several, or the name is not the pod's.</exception>
    public static string Resolve(JsonObject? spec, string requested, string podName)
    {
        var containers = Names(spec, "containers");
        if (requested.Length == 0)
        {
            if (containers.Count == 1)
            {
                return containers[0];
            }
            if (containers.Count == 0)
            {
                throw StatusErrors.BadRequest($"a container name must be specified for pod {podName}");
            }
            var message = $"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', containers)}]";
            var initContainers = Names(spec, "initContainers");
            if (initContainers.Count > 0)
            {
                message += $" or one of the init containers: [{string.Join(' ', initContainers)}]";
            }
            throw StatusErrors.BadRequest(message);
        }
        if (containers.Contains(requested) || Names(spec, "initContainers").Contains(requested)
            || Names(spec, "ephemeralContainers").Contains(requested))
        {
            return requested;
        }
        throw StatusErrors.BadRequest($"container {requested} is not valid for pod {podName}");
    }

    private static List<string> Names(JsonObject? spec, string field) =>
        [.. (spec?[field] as JsonArray ?? []).Select(c => (c?["name"] as JsonValue)?.GetValue<string>() ?? "")];
}
