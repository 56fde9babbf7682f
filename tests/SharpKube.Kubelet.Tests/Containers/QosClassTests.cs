using k8s.Models;
using SharpKube.Kubelet.Containers;
using static SharpKube.Kubelet.Tests.Containers.TestPods;

namespace SharpKube.Kubelet.Tests.Containers;

public sealed class QosClassTests
{
    [Theory]
    [InlineData(null, null, PodQosClass.BestEffort)]
    [InlineData("cpu=0,memory=0", null, PodQosClass.BestEffort)]
    [InlineData("ephemeral-storage=1Gi", "ephemeral-storage=1Gi", PodQosClass.BestEffort)]
    [InlineData("cpu=100m", null, PodQosClass.Burstable)]
    [InlineData(null, "memory=64Mi", PodQosClass.Burstable)]
    [InlineData("cpu=100m,memory=64Mi", "cpu=200m,memory=64Mi", PodQosClass.Burstable)]
    [InlineData("cpu=1,memory=1Gi", "cpu=1000m,memory=1024Mi", PodQosClass.Guaranteed)]
    [InlineData(null, "cpu=1,memory=1Gi", PodQosClass.Guaranteed)]
    [InlineData("cpu=1", "cpu=1,memory=1Gi", PodQosClass.Guaranteed)]
    [InlineData("cpu=500m", "cpu=1,memory=1Gi", PodQosClass.Burstable)]
    public void Compute_OneContainer_ClassifiesAsUpstream(string? requests, string? limits, PodQosClass expected) =>
        Assert.Equal(expected, QosClass.Compute(Pod(Container("app", requests, limits))));

    [Fact]
    public void Compute_GuaranteedAppWithBestEffortSibling_IsBurstable() =>
        Assert.Equal(PodQosClass.Burstable, QosClass.Compute(Pod(Container("a", null, "cpu=1,memory=1Gi"), Container("b"))));

    [Fact]
    public void Compute_InitContainerWithoutLimits_MakesAGuaranteedPodBurstable()
    {
        var pod = Pod(Container("app", null, "cpu=1,memory=1Gi"));
        pod.Spec.InitContainers = [Container("init", "cpu=100m")];
        Assert.Equal(PodQosClass.Burstable, QosClass.Compute(pod));
    }

    [Fact]
    public void Compute_GuaranteedInitAndAppContainers_IsGuaranteed()
    {
        var pod = Pod(Container("app", null, "cpu=1,memory=1Gi"));
        pod.Spec.InitContainers = [Container("init", "cpu=2,memory=2Gi", "cpu=2,memory=2Gi")];
        Assert.Equal(PodQosClass.Guaranteed, QosClass.Compute(pod));
    }

    [Fact]
    public void Of_WithStatusQosClass_TakesTheStatus()
    {
        var pod = Pod(Container("app"));
        pod.Status = new V1PodStatus { QosClass = "Guaranteed" };
        Assert.Equal(PodQosClass.Guaranteed, QosClass.Of(pod));
        Assert.Equal(PodQosClass.BestEffort, QosClass.Compute(pod));
    }
}
