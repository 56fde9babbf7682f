using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>
/// Upstream's defaults for a pod spec wherever it appears (pods and every pod template): restart and DNS
/// policies, grace period, scheduler, security context, and the defaults of containers and volumes.
/// </summary>
public static class PodSpecDefaults
{
    /// <summary>The container lists of a pod spec.</summary>
    public static readonly IReadOnlyList<string> ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    /// <summary>Applies the pod spec defaults in place.</summary>
    public static void Apply(JsonObject spec)
    {
        spec.SetIfEmpty("dnsPolicy", "ClusterFirst");
        spec.SetIfEmpty("restartPolicy", "Always");
        spec.SetIfAbsent("securityContext", new JsonObject());
        spec.SetIfAbsent("terminationGracePeriodSeconds", 30);
        spec.SetIfEmpty("schedulerName", "default-scheduler");
        foreach (var list in ContainerLists)
        {
            foreach (var (_, container) in spec.GetArray(list).ObjectItems())
            {
                ContainerDefaults.Apply(container);
            }
        }
        foreach (var (_, volume) in spec.GetArray("volumes").ObjectItems())
        {
            VolumeDefaults.Apply(volume);
        }
    }
}
