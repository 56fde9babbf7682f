using k8s.Models;
using SharpKube.Kubelet.DownwardApi;

namespace SharpKube.Kubelet.Tests.DownwardApi;

public sealed class ContainerResourceFieldTests
{
    private static readonly V1Container Container = new()
    {
        Name = "app",
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("64Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("128Mi") },
        },
    };

    private static readonly Dictionary<string, ResourceQuantity> Node = new() { ["cpu"] = new("2"), ["memory"] = new("8Gi") };

    [Theory]
    [InlineData("requests.cpu", null, "1")]
    [InlineData("requests.cpu", "1m", "250")]
    [InlineData("requests.memory", null, "67108864")]
    [InlineData("requests.memory", "1Mi", "64")]
    [InlineData("limits.memory", "1Mi", "128")]
    [InlineData("limits.cpu", null, "2")]
    [InlineData("limits.cpu", "1m", "2000")]
    public void Resolve_ASelector_DividesAndRoundsUp(string resource, string? divisor, string expected) =>
        Assert.Equal(expected, ContainerResourceField.Resolve(Container,
            new V1ResourceFieldSelector { Resource = resource, Divisor = divisor is null ? null : new ResourceQuantity(divisor) }, Node));

    [Fact]
    public void Resolve_AnUnsupportedResource_SaysSo() =>
        Assert.Throws<ArgumentException>(() => ContainerResourceField.Resolve(Container, new V1ResourceFieldSelector { Resource = "limits.gpu" }, Node));
}
