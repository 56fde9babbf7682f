using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Admission;
using SharpKube.ApiServer.Tests.Registry;

namespace SharpKube.ApiServer.Tests.Admission;

public sealed class PriorityPluginTests
{
    private static readonly PriorityClassInfo High = new("high", 1000, "PreemptLowerPriority", false);
    private static readonly PriorityClassInfo Polite = new("polite", 500, "Never", false);

    [Fact]
    public async Task Create_WithAClassName_GetsTheClassValueAndPolicy()
    {
        var pod = Json.Parse("""{"metadata":{"name":"p"},"spec":{"priorityClassName":"polite","containers":[]}}""");

        await Plugin(High, Polite).AdmitAsync(pod, null, TestContext.Current.CancellationToken);

        Assert.Equal(500, (long)pod["spec"]!["priority"]!);
        Assert.Equal("Never", (string)pod["spec"]!["preemptionPolicy"]!);
    }

    [Theory]
    [InlineData("system-node-critical", 2000001000)]
    [InlineData("system-cluster-critical", 2000000000)]
    public async Task Create_WithASystemClass_ResolvesItWithoutItsObject(string className, long value)
    {
        var pod = Json.Parse($$$"""{"metadata":{"name":"p"},"spec":{"priorityClassName":"{{{className}}}","containers":[]}}""");

        await Plugin().AdmitAsync(pod, null, TestContext.Current.CancellationToken);

        Assert.Equal(value, (long)pod["spec"]!["priority"]!);
        Assert.Equal("PreemptLowerPriority", (string)pod["spec"]!["preemptionPolicy"]!);
    }

    [Fact]
    public async Task Create_WithoutAClass_GetsZeroAndPreemptLowerPriority_WhenNoClassIsTheDefault()
    {
        var pod = Json.Parse("""{"metadata":{"name":"p"},"spec":{"containers":[]}}""");

        await Plugin(High).AdmitAsync(pod, null, TestContext.Current.CancellationToken);

        Assert.Equal(0, (long)pod["spec"]!["priority"]!);
        Assert.Equal("PreemptLowerPriority", (string)pod["spec"]!["preemptionPolicy"]!);
        Assert.Null(pod["spec"]!["priorityClassName"]);
    }

    [Fact]
    public async Task Create_WithoutAClass_GetsTheLowestGlobalDefaultClassAndItsName()
    {
        var pod = Json.Parse("""{"metadata":{"name":"p"},"spec":{"containers":[]}}""");

        await Plugin(High, new("default-a", 300, "Never", true), new("default-b", 200, "PreemptLowerPriority", true))
            .AdmitAsync(pod, null, TestContext.Current.CancellationToken);

        Assert.Equal("default-b", (string)pod["spec"]!["priorityClassName"]!);
        Assert.Equal(200, (long)pod["spec"]!["priority"]!);
    }

    [Fact]
    public async Task Create_WithAnUnknownClass_IsForbidden()
    {
        var pod = Json.Parse("""{"metadata":{"name":"x"},"spec":{"priorityClassName":"foo","containers":[]}}""");

        var error = await Assert.ThrowsAsync<StatusException>(() => Plugin(High).AdmitAsync(pod, null, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(403, error.Code);
        Assert.Equal("Forbidden", error.Reason);
        Assert.Equal("pods \"x\" is forbidden: no PriorityClass with name foo was found", error.Message);
    }

    [Fact]
    public async Task Create_WithAPriorityOtherThanItsClass_IsForbidden()
    {
        var pod = Json.Parse("""{"metadata":{"name":"x"},"spec":{"priorityClassName":"high","priority":5,"containers":[]}}""");

        var error = await Assert.ThrowsAsync<StatusException>(() => Plugin(High).AdmitAsync(pod, null, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(403, error.Code);
        Assert.Equal("pods \"x\" is forbidden: the integer value of priority (5) must not be provided in pod spec; "
            + "priority admission controller computed 1000 from the given PriorityClass name", error.Message);
    }

    [Fact]
    public async Task Create_WithThePriorityOfItsClass_IsAdmitted()
    {
        var pod = Json.Parse("""{"metadata":{"name":"x"},"spec":{"priorityClassName":"high","priority":1000,"containers":[]}}""");

        await Plugin(High).AdmitAsync(pod, null, TestContext.Current.CancellationToken);

        Assert.Equal(1000, (long)pod["spec"]!["priority"]!);
    }

    [Fact]
    public void Update_ChangesNothing()
    {
        var pod = Json.Parse("""{"metadata":{"name":"x"},"spec":{"priorityClassName":"gone","containers":[]}}""");

        Plugin().Admit(pod, Json.Parse("""{"metadata":{"name":"x"},"spec":{"priorityClassName":"gone","priority":7,"containers":[]}}"""));

        Assert.Null(pod["spec"]!["priority"]);
    }

    private static Priority Plugin(params PriorityClassInfo[] classes) => new(PriorityClassLister.Of(classes));
}
