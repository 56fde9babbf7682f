using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// A globalDefault PriorityClass (on a server of its own: the default applies to every pod created after it).
/// </summary>
public sealed class PriorityGlobalDefaultTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Create_WithoutAClass_GetsTheGlobalDefaultClass()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await TestObjects.NamespaceAsync(fixture.Client, "prio-default");
        await fixture.Client.SchedulingV1.CreatePriorityClassAsync(new V1PriorityClass
        {
            Metadata = new V1ObjectMeta { Name = "everyone" },
            Value = 50,
            GlobalDefault = true,
        }, cancellationToken: ct);

        // The watch cache the plugin reads may trail the class by a moment; upstream's informer does too.
        V1Pod created;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var attempt = 0;
        do
        {
            created = await fixture.Client.CoreV1.CreateNamespacedPodAsync(PriorityAdmissionTests.Pod("p" + attempt++, null), ns, cancellationToken: ct);
        }
        while (created.Spec.PriorityClassName != "everyone" && DateTime.UtcNow < deadline);

        Assert.Equal("everyone", created.Spec.PriorityClassName);
        Assert.Equal(50, created.Spec.Priority);
        Assert.Equal("PreemptLowerPriority", created.Spec.PreemptionPolicy);
    }
}
