using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

public sealed class VersionConversionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EventsK8sIoEvent_IsReadableAsACoreEvent_WithFieldsRenamed()
    {
        var created = await fixture.Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "converted-event" },
            EventTime = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc),
            ReportingController = "example.com/controller",
            ReportingInstance = "controller-1",
            Action = "Checked",
            Reason = "Done",
            Note = "all good",
            Type = "Normal",
            Regarding = new V1ObjectReference { Kind = "Pod", Name = "web-1", NamespaceProperty = "default" },
        }, "default", cancellationToken: Ct);

        var core = await fixture.Client.CoreV1.ReadNamespacedEventAsync("converted-event", "default", cancellationToken: Ct);
        var again = await fixture.Client.EventsV1.ReadNamespacedEventAsync("converted-event", "default", cancellationToken: Ct);

        Assert.Equal("all good", core.Message);
        Assert.Equal("web-1", core.InvolvedObject.Name);
        Assert.Equal("example.com/controller", core.ReportingComponent);
        Assert.Equal("all good", again.Note);
        Assert.Equal("web-1", again.Regarding.Name);
        Assert.Equal(created.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
        Assert.Equal("events.k8s.io/v1", again.ApiVersion);
    }

    [Fact]
    public async Task AutoscalingV1Hpa_IsStoredAsV2_WithTheCpuTargetAsAResourceMetric()
    {
        await fixture.Client.AutoscalingV1.CreateNamespacedHorizontalPodAutoscalerAsync(new V1HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = "web-hpa" },
            Spec = new V1HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V1CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
                MinReplicas = 1,
                MaxReplicas = 5,
                TargetCPUUtilizationPercentage = 70,
            },
        }, "default", cancellationToken: Ct);

        var v2 = await fixture.Client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("web-hpa", "default", cancellationToken: Ct);
        var v1 = await fixture.Client.AutoscalingV1.ReadNamespacedHorizontalPodAutoscalerAsync("web-hpa", "default", cancellationToken: Ct);

        var metric = Assert.Single(v2.Spec.Metrics);
        Assert.Equal("cpu", metric.Resource.Name);
        Assert.Equal(70, metric.Resource.Target.AverageUtilization);
        Assert.Equal(70, v1.Spec.TargetCPUUtilizationPercentage);
        Assert.Equal(5, v1.Spec.MaxReplicas);
    }
}
