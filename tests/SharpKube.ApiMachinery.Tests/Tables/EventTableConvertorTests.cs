using SharpKube.ApiMachinery.Tables.Printers;
using static SharpKube.ApiMachinery.Tests.Tables.TableFixture;

namespace SharpKube.ApiMachinery.Tests.Tables;

public sealed class EventTableConvertorTests
{
    [Fact]
    public void CoreEvent_ShowsLastSeenTypeReasonObjectAndMessage() =>
        AssertRow(EventTableConvertor.Instance, """
            {"metadata":{"name":"web-1.17d8f3a2b1c4d5e6"},
             "involvedObject":{"kind":"Pod","namespace":"default","name":"web-1","fieldPath":"spec.containers{web}"},
             "reason":"Pulled","message":"  Successfully pulled image \"nginx\"\n","type":"Normal",
             "source":{"component":"kubelet","host":"node-1"},
             "firstTimestamp":"@-10m","lastTimestamp":"@-2m","count":4}
            """,
            "2m", "Normal", "Pulled", "pod/web-1", "spec.containers{web}", "kubelet, node-1",
            "Successfully pulled image \"nginx\"", "10m", 4L, "web-1.17d8f3a2b1c4d5e6");

    [Fact]
    public void EventWithoutTimestamps_FallsBackToItsMicrosecondEventTime_AndCountsOnce()
    {
        var cells = Cells(EventTableConvertor.Instance, """
            {"involvedObject":{"kind":"Node"},"eventTime":"2024-06-01T11:59:30.123456Z",
             "reportingComponent":"kube-scheduler","reportingInstance":"kube-scheduler-node-1"}
            """);
        Assert.Equal("29s | 29s | node | kube-scheduler, kube-scheduler-node-1 | 1", Pick(cells, "Last Seen", "First Seen", "Object", "Source", "Count"));
    }

    [Fact]
    public void EventSeries_ReportsTheLastObservation() =>
        Assert.Equal("45s | 12", Pick(Cells(EventTableConvertor.Instance, """
            {"eventTime":"@-1h","series":{"count":12,"lastObservedTime":"@-45s"},"count":3}
            """), "Last Seen", "Count"));

    [Fact]
    public void EventWithNothing_IsUnknown() =>
        AssertRow(EventTableConvertor.Instance, "{}", "<unknown>", "", "", "", "", "", "", "<unknown>", 1L, "");

    [Fact]
    public void EventsApiEvent_WithItsOwnFieldNames_PrintsLikeTheCoreEvent() =>
        AssertRow(EventTableConvertor.Instance, """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"web.1"},
             "eventTime":"@-20m","reportingController":"deployment-controller","reportingInstance":"",
             "action":"Scale","reason":"ScalingReplicaSet","note":"Scaled up replica set web-5d4f to 3","type":"Normal",
             "regarding":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"default","name":"web"},
             "deprecatedFirstTimestamp":"@-20m","deprecatedLastTimestamp":"@-3m","deprecatedCount":2,
             "deprecatedSource":{"component":"deployment-controller"}}
            """,
            "3m", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller",
            "Scaled up replica set web-5d4f to 3", "20m", 2L, "web.1");
}
