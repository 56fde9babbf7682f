using SharpKube.Controllers.HollowNodes;

namespace SharpKube.Scheduler.Tests.Fixtures;

/// <summary>
/// Hollow nodes for scheduler integration tests: real Nodes with Leases, zone labels and allocatable, whose bound pods
/// go Running — registered through the test's API server and deleted with their Leases when disposed.
/// </summary>
public static class HollowCluster
{
    /// <summary>
    /// Starts <paramref name="count"/> hollow nodes named <paramref name="prefix"/>0… (spread round-robin over
    /// <paramref name="zones"/> zones <c>zone-a</c>, <c>zone-b</c>, …) and waits until they are registered.
    /// </summary>
    public static async Task<HollowNodeFleet> StartAsync(ApiServerFixture fixture, string prefix, int count = 3, int zones = 3,
        string cpu = "4", string memory = "8Gi", int pods = 110)
    {
        var options = new HollowNodeOptions
        {
            Count = count,
            NamePrefix = prefix,
            Zones = zones,
            Cpu = cpu,
            Memory = memory,
            Pods = pods,
            DeleteNodesOnExit = true,
        };
        var fleet = await HollowNodeFleet.StartAsync(fixture.NewClient(), options, TestOutputLoggerProvider.CreateFactory(), TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Eventually.Deadline);
        await fleet.WaitForRegistrationAsync(deadline.Token);
        return fleet;
    }
}
