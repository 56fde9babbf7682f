using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>
/// Defaults that only a Pod object gets (not pod templates): requests copied from limits, service links on,
/// host ports for host-network pods; then the pod spec defaults.
/// </summary>
public static class PodDefaults
{
    /// <summary>Applies the pod defaults in place.</summary>
    public static void Apply(JsonObject pod)
    {
        var spec = pod.EnsureObject("spec");
        foreach (var list in (string[])["containers", "initContainers"])
        {
            foreach (var (_, container) in spec.GetArray(list).ObjectItems())
            {
                DefaultRequestsFromLimits(container);
            }
        }
        spec.SetIfAbsent("enableServiceLinks", true);
        if (spec.GetBoolean("hostNetwork") == true)
        {
            foreach (var list in (string[])["containers", "initContainers"])
            {
                foreach (var (_, container) in spec.GetArray(list).ObjectItems())
                {
                    foreach (var (_, port) in container.GetArray("ports").ObjectItems())
                    {
                        if ((port.GetInt64("hostPort") ?? 0) == 0 && port["containerPort"] is { } containerPort)
                        {
                            port["hostPort"] = containerPort.DeepClone();
                        }
                    }
                }
            }
        }
        PodSpecDefaults.Apply(spec);
    }

    private static void DefaultRequestsFromLimits(JsonObject container)
    {
        if (container.GetObject("resources")?.GetObject("limits") is not { } limits)
        {
            return;
        }
        var requests = container.GetObject("resources")!.EnsureObject("requests");
        foreach (var (name, value) in limits)
        {
            if (!requests.ContainsKey(name) && value is not null)
            {
                requests[name] = value.DeepClone();
            }
        }
    }
}
