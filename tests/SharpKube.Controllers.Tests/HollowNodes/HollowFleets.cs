using k8s;
using k8s.Models;
using SharpKube.Controllers.HollowNodes;
using SharpKube.Controllers.Tests.Fixtures;

namespace SharpKube.Controllers.Tests.HollowNodes;

/// <summary>Fleets started the way tests of other components start them, with Lease and status cadences short enough to watch.</summary>
internal static class HollowFleets
{
    /// <summary>Options for <paramref name="count"/> nodes named <paramref name="prefix"/>0…, renewing Leases every 200 ms.</summary>
    public static HollowNodeOptions Options(string prefix, int count = 3) => new()
    {
        Count = count,
        NamePrefix = prefix,
        LeaseRenewInterval = TimeSpan.FromMilliseconds(200),
        NodeStatusReportFrequency = TimeSpan.FromSeconds(2),
    };

    /// <summary>Starts a fleet with a client of its own and waits until its nodes are registered.</summary>
    public static async Task<HollowNodeFleet> StartAsync(ApiServerFixture fixture, HollowNodeOptions options)
    {
        var fleet = await HollowNodeFleet.StartAsync(fixture.NewClient(), options, TestOutputLoggerProvider.CreateFactory(), TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Eventually.Deadline);
        await fleet.WaitForRegistrationAsync(deadline.Token);
        return fleet;
    }

    /// <summary>Creates a pod with one container (and an init container when asked) and binds it to <paramref name="node"/>.</summary>
    public static async Task BindPodAsync(Kubernetes client, string ns, string name, string node, bool withInitContainer = false)
    {
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                InitContainers = withInitContainer ? [new V1Container { Name = "setup", Image = "busybox:1.35" }] : null,
                Containers = [new V1Container { Name = "app", Image = "registry.example/team/app:v2" }],
            },
        }, ns, cancellationToken: TestContext.Current.CancellationToken);
        await client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = name },
            Target = new V1ObjectReference { Kind = "Node", Name = node },
        }, name, ns, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the pod is Running and Ready, and returns it.</summary>
    public static async Task<V1Pod> RunningPodAsync(Kubernetes client, string ns, string name)
    {
        V1Pod? pod = null;
        await Eventually.TrueAsync(async () =>
        {
            pod = await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: TestContext.Current.CancellationToken);
            return pod.Status?.Phase == "Running" && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        }, $"pod {ns}/{name} is Running and Ready");
        return pod!;
    }

    /// <summary>Whether <paramref name="ip"/> lies in the IPv4 network <paramref name="cidr"/>.</summary>
    public static bool InCidr(string ip, string cidr) => System.Net.IPNetwork.Parse(cidr).Contains(System.Net.IPAddress.Parse(ip));
}
