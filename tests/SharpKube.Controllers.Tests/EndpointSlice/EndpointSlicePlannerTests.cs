using k8s.Models;
using SharpKube.Controllers.EndpointSlice;

namespace SharpKube.Controllers.Tests.EndpointSlice;

public sealed class EndpointSlicePlannerTests
{
    [Fact]
    public void For_AServiceWithoutEndpointsWhosePlaceholderExists_PlansNothing()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", Uid = "u-1" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        };
        var desired = DesiredSlices.Compute(service, [], _ => null);
        var first = EndpointSlicePlanner.For(service, desired, []);
        var placeholder = Assert.Single(first.Create);
        placeholder.Metadata.Name = "web-abcde";

        // The placeholder as stored has no ports: comparing it with the wanted one must not fail.
        var again = EndpointSlicePlanner.For(service, desired, [placeholder]);

        Assert.Empty(again.Create);
        Assert.Empty(again.Update);
        Assert.Empty(again.Delete);
    }
}
