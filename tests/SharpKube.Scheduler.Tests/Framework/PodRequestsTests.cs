using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Framework;

public sealed class PodRequestsTests
{
    private static V1Container Container(string name, string? cpu, string? memory, string? restartPolicy = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            requests["cpu"] = new(cpu);
        }
        if (memory is not null)
        {
            requests["memory"] = new(memory);
        }
        return new V1Container { Name = name, Image = "x", RestartPolicy = restartPolicy, Resources = new V1ResourceRequirements { Requests = requests } };
    }

    [Fact]
    public void Compute_SumsContainers_TakesTheLargestInitContainer_AndAddsOverhead()
    {
        var spec = new V1PodSpec
        {
            Containers = [Container("a", "100m", "100Mi"), Container("b", "200m", "50Mi")],
            InitContainers = [Container("init", "1", "10Mi")],
            Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("1Mi") },
        };

        var requests = PodRequests.Compute(spec);

        Assert.Equal(1010, requests.MilliCpu);
        Assert.Equal((150L + 1) * 1024 * 1024, requests.Memory);
    }

    [Fact]
    public void Compute_CountsSidecarsBesideTheAppContainers_AndBesideLaterInitContainers()
    {
        var spec = new V1PodSpec
        {
            InitContainers = [Container("sidecar", "300m", null, "Always"), Container("init", "500m", null)],
            Containers = [Container("app", "100m", null)],
        };

        // App phase: 100m + 300m sidecar; the init container runs next to the sidecar: 500m + 300m.
        Assert.Equal(800, PodRequests.Compute(spec).MilliCpu);
    }

    [Fact]
    public void ComputeNonZero_CountsContainersWithoutRequestsAtTheDefaults_ButKeepsExplicitZeros()
    {
        var spec = new V1PodSpec
        {
            Containers = [Container("none", null, null), Container("zero", "0", "0"), Container("some", "250m", null)],
        };

        var (cpu, memory) = PodRequests.ComputeNonZero(spec);

        Assert.Equal(100 + 0 + 250, cpu);
        Assert.Equal((200L * 1024 * 1024) + 0 + (200L * 1024 * 1024), memory);
    }

    [Fact]
    public void Quantities_RoundUp_AsUpstreamMilliValueAndValue()
    {
        Assert.Equal(1, Quantities.MilliValue(new ResourceQuantity("0.0001")));
        Assert.Equal(2, Quantities.Value(new ResourceQuantity("1.5")));
        Assert.Equal(1536, Quantities.MilliValue(new ResourceQuantity("1536m")));
        Assert.Equal(1L << 30, Quantities.Value(new ResourceQuantity("1Gi")));
    }

    [Fact]
    public void PodInfo_ReadsHostPortsWithDefaults_AndPriority()
    {
        var pod = Make.Pod("p", priority: 7, hostPorts: [8080]);

        var info = PodInfo.Create(pod);

        Assert.Equal(7, info.Priority);
        Assert.Equal([new HostPort("0.0.0.0", "TCP", 8080)], info.HostPorts);
        Assert.Equal("default/p", info.Key);
    }
}
