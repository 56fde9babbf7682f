using SharpKube.ApiMachinery.Tables.Printers;
using static SharpKube.ApiMachinery.Tests.Tables.TableFixture;

namespace SharpKube.ApiMachinery.Tests.Tables;

public sealed class PodTableConvertorTests
{
    [Fact]
    public void Columns_MatchKubectlGetPods() =>
        Assert.Equal("Name|Ready|Status|Restarts|Age|IP*|Node*|Nominated Node*|Readiness Gates*", ColumnSummary(PodTableConvertor.Instance));

    [Fact]
    public void PendingPod_WithoutStatuses_ShowsPhaseAndNones()
    {
        AssertRow(PodTableConvertor.Instance, """
            {"metadata":{"name":"web-1","creationTimestamp":"@-45s"},
             "spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Pending"}}
            """,
            "web-1", "0/2", "Pending", "0", "45s", "<none>", "<none>", "<none>", "<none>");
    }

    [Fact]
    public void RunningPod_ShowsReadyCountsIpNodeAndGates()
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"metadata":{"name":"web-1"},
             "spec":{"nodeName":"node-a","containers":[{"name":"a"},{"name":"b"}],
                     "readinessGates":[{"conditionType":"example.com/lb"},{"conditionType":"example.com/dns"}]},
             "status":{"phase":"Running","podIP":"10.0.0.9","podIPs":[{"ip":"10.0.0.7"},{"ip":"fd00::7"}],"nominatedNodeName":"node-b",
                       "conditions":[{"type":"example.com/lb","status":"True"},{"type":"example.com/dns","status":"False"}],
                       "containerStatuses":[
                         {"name":"a","ready":true,"restartCount":0,"state":{"running":{}}},
                         {"name":"b","ready":false,"restartCount":0,"state":{"running":{}}}]}}
            """);
        Assert.Equal("1/2", cells["Ready"]);
        Assert.Equal("Running", cells["Status"]);
        Assert.Equal("<unknown>", cells["Age"]);
        Assert.Equal("10.0.0.7", cells["IP"]);
        Assert.Equal("node-a", cells["Node"]);
        Assert.Equal("node-b", cells["Nominated Node"]);
        Assert.Equal("1/2", cells["Readiness Gates"]);
    }

    [Fact]
    public void LegacyPodIP_IsShownWhenPodIPsIsMissing() =>
        Assert.Equal("10.0.0.9", Cells(PodTableConvertor.Instance, """{"status":{"podIP":"10.0.0.9"}}""")["IP"]);

    [Theory]
    [InlineData("""{"waiting":{"reason":"ContainerCreating"}}""", "ContainerCreating")]
    [InlineData("""{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image"}}""", "ImagePullBackOff")]
    [InlineData("""{"waiting":{"reason":"CrashLoopBackOff"}}""", "CrashLoopBackOff")]
    [InlineData("""{"terminated":{"reason":"Error","exitCode":1}}""", "Error")]
    [InlineData("""{"terminated":{"reason":"OOMKilled","exitCode":137}}""", "OOMKilled")]
    [InlineData("""{"terminated":{"exitCode":3}}""", "ExitCode:3")]
    [InlineData("""{"terminated":{"exitCode":137,"signal":9}}""", "Signal:9")]
    [InlineData("""{"waiting":{}}""", "Running")]
    public void ContainerState_DecidesTheStatus(string state, string expected)
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":false,"state":STATE}]}}
            """.Replace("STATE", state, StringComparison.Ordinal));
        Assert.Equal(expected, cells["Status"]);
        Assert.Equal("0/1", cells["Ready"]);
    }

    [Fact]
    public void CompletedPod_ShowsCompleted()
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Succeeded","containerStatuses":[{"name":"a","ready":false,"state":{"terminated":{"reason":"Completed","exitCode":0}}}]}}
            """);
        Assert.Equal("0/1 | Completed", Pick(cells, "Ready", "Status"));
    }

    [Theory]
    [InlineData("""[{"type":"Ready","status":"True"}]""", "Running")]
    [InlineData("""[{"type":"Ready","status":"False"}]""", "NotReady")]
    public void CompletedContainerBesideARunningOne_IsRunningOrNotReady(string conditions, string expected)
    {
        // Statuses are examined last to first, so the completed first container sets the reason last.
        var cells = Cells(PodTableConvertor.Instance, """
            {"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","conditions":CONDITIONS,"containerStatuses":[
               {"name":"a","ready":false,"state":{"terminated":{"reason":"Completed","exitCode":0}}},
               {"name":"b","ready":true,"state":{"running":{}}}]}}
            """.Replace("CONDITIONS", conditions, StringComparison.Ordinal));
        Assert.Equal(expected, cells["Status"]);
        Assert.Equal("1/2", cells["Ready"]);
    }

    [Fact]
    public void RestartedContainer_ShowsCountAndTimeSinceLastRestart()
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","containerStatuses":[
               {"name":"a","restartCount":1,"lastState":{"terminated":{"exitCode":1,"finishedAt":"@-2h"}},"state":{"waiting":{"reason":"CrashLoopBackOff"}}},
               {"name":"b","restartCount":2,"lastState":{"terminated":{"exitCode":1,"finishedAt":"@-5m"}},"ready":true,"state":{"running":{}}}]}}
            """);
        Assert.Equal("3 (5m ago)", cells["Restarts"]);
        Assert.Equal("CrashLoopBackOff", cells["Status"]);
    }

    [Fact]
    public void Restarts_WithoutATerminationTime_ShowOnlyTheCount() =>
        Assert.Equal("4", Cells(PodTableConvertor.Instance, """
            {"spec":{"containers":[{"name":"a"}]},"status":{"containerStatuses":[{"name":"a","restartCount":4,"state":{"running":{}}}]}}
            """)["Restarts"]);

    [Theory]
    [InlineData("""[{"name":"i1","state":{"running":{}}},{"name":"i2","state":{"waiting":{"reason":"PodInitializing"}}}]""", "Init:0/2")]
    [InlineData("""[{"name":"i1","state":{"terminated":{"exitCode":0}}},{"name":"i2","state":{"running":{}}}]""", "Init:1/2")]
    [InlineData("""[{"name":"i1","state":{"terminated":{"reason":"Error","exitCode":1}}},{"name":"i2","state":{}}]""", "Init:Error")]
    [InlineData("""[{"name":"i1","state":{"terminated":{"exitCode":2}}},{"name":"i2","state":{}}]""", "Init:ExitCode:2")]
    [InlineData("""[{"name":"i1","state":{"terminated":{"exitCode":137,"signal":9}}},{"name":"i2","state":{}}]""", "Init:Signal:9")]
    [InlineData("""[{"name":"i1","state":{"waiting":{"reason":"CrashLoopBackOff"}}},{"name":"i2","state":{}}]""", "Init:CrashLoopBackOff")]
    public void InitContainers_ShowInitProgressOrFailure(string initStatuses, string expected)
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":INIT_STATUSES,
                       "containerStatuses":[{"name":"a","state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """.Replace("INIT_STATUSES", initStatuses, StringComparison.Ordinal));
        Assert.Equal(expected, cells["Status"]);
        Assert.Equal("0/1", cells["Ready"]);
    }

    [Fact]
    public void FinishedInitContainers_LeaveTheContainersReason()
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","restartCount":2,"state":{"terminated":{"exitCode":0}}}],
                       "containerStatuses":[{"name":"a","state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """);
        Assert.Equal("PodInitializing", cells["Status"]);
        // Restarts of finished (non-sidecar) init containers are not counted once the pod runs.
        Assert.Equal("0", cells["Restarts"]);
    }

    [Fact]
    public void InitRestarts_CountWhileInitializing()
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","restartCount":2,
                 "lastState":{"terminated":{"exitCode":1,"finishedAt":"@-5m"}},"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
            """);
        Assert.Equal("Init:CrashLoopBackOff | 2 (5m ago)", Pick(cells, "Status", "Restarts"));
    }

    [Fact]
    public void StartedSidecars_CountAsContainers()
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
               "initContainerStatuses":[{"name":"proxy","started":true,"ready":true,"restartCount":1,
                   "lastState":{"terminated":{"exitCode":1,"finishedAt":"@-5m"}},"state":{"running":{}}}],
               "containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}}
            """);
        Assert.Equal("2/2 | Running | 1 (5m ago)", Pick(cells, "Ready", "Status", "Restarts"));
    }

    [Fact]
    public void SidecarNotYetStarted_HoldsInitialization()
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"proxy","started":false,"state":{"running":{}}}]}}
            """);
        Assert.Equal("0/2 | Init:0/1", Pick(cells, "Ready", "Status"));
    }

    [Fact]
    public void DeletedPod_IsTerminating()
    {
        var cells = Cells(PodTableConvertor.Instance, """
            {"metadata":{"deletionTimestamp":"2024-06-01T11:59:00Z"},"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}}
            """);
        Assert.Equal("Terminating", cells["Status"]);
    }

    [Fact]
    public void DeletedPod_OnALostNode_IsUnknown() =>
        Assert.Equal("Unknown", Cells(PodTableConvertor.Instance, """
            {"metadata":{"deletionTimestamp":"2024-06-01T11:59:00Z"},"status":{"phase":"Running","reason":"NodeLost"}}
            """)["Status"]);

    [Fact]
    public void DeletedPod_ThatAlreadyFinished_KeepsItsReason() =>
        Assert.Equal("Completed", Cells(PodTableConvertor.Instance, """
            {"metadata":{"deletionTimestamp":"2024-06-01T11:59:00Z"},"spec":{"containers":[{"name":"a"}]},
             "status":{"phase":"Succeeded","containerStatuses":[{"name":"a","state":{"terminated":{"reason":"Completed"}}}]}}
            """)["Status"]);

    [Fact]
    public void PodStatusReason_OverridesThePhase() =>
        Assert.Equal("Evicted", Cells(PodTableConvertor.Instance, """{"status":{"phase":"Failed","reason":"Evicted"}}""")["Status"]);

    [Fact]
    public void SchedulingGatedPod_SaysSo() =>
        Assert.Equal("SchedulingGated", Cells(PodTableConvertor.Instance, """
            {"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}}
            """)["Status"]);

    [Fact]
    public void PodWithNoStatusAtAll_HasAnEmptyStatus() =>
        AssertRow(PodTableConvertor.Instance, "{}", "", "0/0", "", "0", "<unknown>", "<none>", "<none>", "<none>", "<none>");
}
