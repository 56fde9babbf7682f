using k8s.Models;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// What a pod asks a node for, as upstream's <c>resourcehelper.PodRequests</c>: the sum of its containers, raised to
/// what any init container needs at its moment (with the restartable "sidecar" init containers started before it
/// still running, and counted in the sum), plus the pod's overhead.
/// </summary>
public static class PodRequests
{
    /// <summary>The CPU a container without a CPU request counts as when scoring (upstream: 100m).</summary>
    public const long DefaultMilliCpuRequest = 100;

    /// <summary>The memory a container without a memory request counts as when scoring (upstream: 200 MiB).</summary>
    public const long DefaultMemoryRequest = 200L * 1024 * 1024;

    /// <summary>The pod's requests.</summary>
    public static Resource Compute(V1PodSpec? spec) => Compute(spec, nonZero: false);

    /// <summary>
    /// The pod's CPU and memory requests with every container that has none counted at the defaults above
    /// (upstream's non-zero requests), so scoring does not pile request-less pods onto one node.
    /// </summary>
    public static (long MilliCpu, long Memory) ComputeNonZero(V1PodSpec? spec)
    {
        var requests = Compute(spec, nonZero: true);
        return (requests.MilliCpu, requests.Memory);
    }

    private static Resource Compute(V1PodSpec? spec, bool nonZero)
    {
        var total = new Resource();
        if (spec is null)
        {
            return total;
        }
        foreach (var container in spec.Containers ?? [])
        {
            total.Add(ContainerRequests(container.Resources, nonZero));
        }
        if (spec.InitContainers is { Count: > 0 } initContainers)
        {
            var sidecars = new Resource();
            var initPeak = new Resource();
            foreach (var init in initContainers)
            {
                var requests = ContainerRequests(init.Resources, nonZero);
                if (init.RestartPolicy == "Always")
                {
                    // A sidecar keeps running beside the app containers, and beside the init containers after it.
                    total.Add(requests);
                    sidecars.Add(requests);
                    initPeak.SetMax(sidecars);
                }
                else
                {
                    requests.Add(sidecars);
                    initPeak.SetMax(requests);
                }
            }
            total.SetMax(initPeak);
        }
        total.Add(spec.Overhead);
        return total;
    }

    private static Resource ContainerRequests(V1ResourceRequirements? resources, bool nonZero)
    {
        var requests = Resource.From(resources?.Requests);
        if (nonZero)
        {
            if (resources?.Requests?.ContainsKey(ResourceNames.Cpu) != true)
            {
                requests.MilliCpu = DefaultMilliCpuRequest;
            }
            if (resources?.Requests?.ContainsKey(ResourceNames.Memory) != true)
            {
                requests.Memory = DefaultMemoryRequest;
            }
        }
        return requests;
    }
}
