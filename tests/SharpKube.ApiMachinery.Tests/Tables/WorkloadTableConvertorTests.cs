using SharpKube.ApiMachinery.Tables.Printers;
using static SharpKube.ApiMachinery.Tests.Tables.TableFixture;

namespace SharpKube.ApiMachinery.Tests.Tables;

public sealed class WorkloadTableConvertorTests
{
    private const string Template = """
        "template":{"metadata":{"labels":{"app":"web"}},
                    "spec":{"nodeSelector":{"disk":"ssd","arch":"amd64"},
                            "containers":[{"name":"web","image":"nginx:1.27"},{"name":"log","image":"busybox"}]}}
        """;

    [Fact]
    public void Deployment_ShowsReadyOverDesired_AndWideTemplateAndSelector() =>
        AssertRow(DeploymentTableConvertor.Instance, """
            {"metadata":{"name":"web","creationTimestamp":"@-5m"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["front","edge"]}]},TEMPLATE},
             "status":{"replicas":3,"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
            """.Replace("TEMPLATE", Template, StringComparison.Ordinal),
            "web", "2/3", 3L, 2L, "5m", "web,log", "nginx:1.27,busybox", "app=web,tier in (edge,front)");

    [Fact]
    public void Deployment_WithAnInvalidSelector_SaysInvalid() =>
        Assert.Equal("<invalid>", Cells(DeploymentTableConvertor.Instance, """
            {"spec":{"selector":{"matchExpressions":[{"key":"a","operator":"Maybe"}]}}}
            """)["Selector"]);

    [Fact]
    public void NewDeployment_WithoutStatus_ShowsZeros() =>
        AssertRow(DeploymentTableConvertor.Instance, """{"metadata":{"name":"web"},"spec":{"replicas":1}}""",
            "web", "0/1", 0L, 0L, "<unknown>", "", "", "");

    [Fact]
    public void ReplicaSet_ShowsDesiredCurrentReady() =>
        AssertRow(ReplicaSetTableConvertor.Instance, """
            {"metadata":{"name":"web-5d4f","creationTimestamp":"@-3h"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5d4f"}},TEMPLATE},
             "status":{"replicas":3,"readyReplicas":1}}
            """.Replace("TEMPLATE", Template, StringComparison.Ordinal),
            "web-5d4f", 3L, 3L, 1L, "3h", "web,log", "nginx:1.27,busybox", "app=web,pod-template-hash=5d4f");

    [Fact]
    public void ReplicationController_ShowsItsMapSelector() =>
        AssertRow(ReplicationControllerTableConvertor.Instance, """
            {"metadata":{"name":"legacy"},"spec":{"replicas":2,"selector":{"app":"legacy"}},"status":{"replicas":2,"readyReplicas":2}}
            """,
            "legacy", 2L, 2L, 2L, "<unknown>", "", "", "app=legacy");

    [Fact]
    public void StatefulSet_ShowsReadyOverDesired() =>
        AssertRow(StatefulSetTableConvertor.Instance, """
            {"metadata":{"name":"db","creationTimestamp":"@-2d"},"spec":{"replicas":3,TEMPLATE},"status":{"replicas":3,"readyReplicas":1}}
            """.Replace("TEMPLATE", Template, StringComparison.Ordinal),
            "db", "1/3", "2d", "web,log", "nginx:1.27,busybox");

    [Fact]
    public void DaemonSet_ShowsCountsAndNodeSelector()
    {
        var cells = Cells(DaemonSetTableConvertor.Instance, """
            {"metadata":{"name":"agent"},"spec":{"selector":{"matchLabels":{"app":"agent"}},TEMPLATE},
             "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":1,"numberAvailable":2}}
            """.Replace("TEMPLATE", Template, StringComparison.Ordinal));
        Assert.Equal("3 | 3 | 2 | 1 | 2", Pick(cells, "Desired", "Current", "Ready", "Up-to-date", "Available"));
        Assert.Equal("arch=amd64,disk=ssd", cells["Node Selector"]);
        Assert.Equal("app=agent", cells["Selector"]);
    }

    [Fact]
    public void DaemonSet_WithoutANodeSelector_SaysNone() =>
        Assert.Equal("<none>", Cells(DaemonSetTableConvertor.Instance, """{"spec":{"template":{"spec":{}}}}""")["Node Selector"]);

    [Theory]
    [InlineData("""{"completions":3}""", """{"succeeded":1}""", "1/3")]
    [InlineData("""{}""", """{"succeeded":1}""", "1/1")]
    [InlineData("""{"parallelism":1}""", """{}""", "0/1")]
    [InlineData("""{"parallelism":4}""", """{"succeeded":2}""", "2/1 of 4")]
    public void Job_Completions(string spec, string status, string expected) =>
        Assert.Equal(expected, Cells(JobTableConvertor.Instance, """{"spec":SPEC,"status":STATUS}""".Replace("SPEC", spec, StringComparison.Ordinal).Replace("STATUS", status, StringComparison.Ordinal))["Completions"]);

    [Fact]
    public void CompletedJob_ShowsCompleteAndHowLongItTook()
    {
        var cells = Cells(JobTableConvertor.Instance, """
            {"metadata":{"name":"pi","creationTimestamp":"@-10m"},
             "spec":{"completions":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"abc"}},
                     "template":{"spec":{"containers":[{"name":"pi","image":"perl:5.34"}]}}},
             "status":{"succeeded":1,"startTime":"@-600s","completionTime":"@-528s",
                       "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}}
            """);
        Assert.Equal("pi | Complete | 1/1 | 72s | 10m | pi | perl:5.34 | batch.kubernetes.io/controller-uid=abc",
            Pick(cells, "Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"));
    }

    [Theory]
    [InlineData("""[{"type":"Failed","status":"True"}]""", "", "Failed")]
    [InlineData("""[{"type":"Suspended","status":"True"}]""", "", "Suspended")]
    [InlineData("""[{"type":"FailureTarget","status":"True"}]""", "", "FailureTarget")]
    [InlineData("""[{"type":"Complete","status":"False"}]""", "", "Running")]
    [InlineData("""[{"type":"Suspended","status":"True"}]""", "\"deletionTimestamp\":\"@-1s\"", "Terminating")]
    [InlineData("""[{"type":"Complete","status":"True"}]""", "\"deletionTimestamp\":\"@-1s\"", "Complete")]
    public void Job_Status(string conditions, string metadata, string expected) =>
        Assert.Equal(expected, Cells(JobTableConvertor.Instance, """{"metadata":{META},"status":{"conditions":CONDITIONS}}"""
            .Replace("META", metadata, StringComparison.Ordinal).Replace("CONDITIONS", conditions, StringComparison.Ordinal))["Status"]);

    [Fact]
    public void RunningJob_DurationCountsUpToNow_AndUnstartedJobHasNone()
    {
        Assert.Equal("3m", Cells(JobTableConvertor.Instance, """{"status":{"startTime":"@-3m"}}""")["Duration"]);
        Assert.Equal("", Cells(JobTableConvertor.Instance, "{}")["Duration"]);
    }

    [Fact]
    public void CronJob_ShowsScheduleAndLastRun() =>
        AssertRow(CronJobTableConvertor.Instance, """
            {"metadata":{"name":"backup","creationTimestamp":"@-30d"},
             "spec":{"schedule":"*/5 * * * *","timeZone":"Etc/UTC","suspend":false,
                     "jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"restic"}]}}}}},
             "status":{"active":[{"name":"backup-1"}],"lastScheduleTime":"@-75s"}}
            """,
            "backup", "*/5 * * * *", "Etc/UTC", "False", 1L, "75s", "30d", "b", "restic", "<none>");

    [Fact]
    public void CronJob_NeverScheduled_ShowsNoneAndUnset() =>
        AssertRow(CronJobTableConvertor.Instance, """{"metadata":{"name":"c"},"spec":{"schedule":"@daily"}}""",
            "c", "@daily", "<none>", "<unset>", 0L, "<none>", "<unknown>", "", "", "<none>");

    [Fact]
    public void PodTemplate_ShowsContainersAndPodLabels() =>
        AssertRow(PodTemplateTableConvertor.Instance, """{"metadata":{"name":"t"},TEMPLATE}""".Replace("TEMPLATE", Template, StringComparison.Ordinal),
            "t", "web,log", "nginx:1.27,busybox", "app=web");

    [Fact]
    public void ControllerRevision_NamesItsController() =>
        AssertRow(ControllerRevisionTableConvertor.Instance, """
            {"metadata":{"name":"agent-7c9","ownerReferences":[{"apiVersion":"v1","kind":"Pod","name":"x"},
                                                               {"apiVersion":"apps/v1","kind":"DaemonSet","name":"agent","controller":true}]},
             "revision":2}
            """,
            "agent-7c9", "daemonset.apps/agent", 2L, "<unknown>");

    [Fact]
    public void ControllerRevision_WithoutController_SaysNone() =>
        Assert.Equal("<none>", Cells(ControllerRevisionTableConvertor.Instance, "{}")["Controller"]);

    [Fact]
    public void PodDisruptionBudget_ShowsIntOrPercentOrNotApplicable() =>
        AssertRow(PodDisruptionBudgetTableConvertor.Instance, """
            {"metadata":{"name":"web"},"spec":{"minAvailable":"50%"},"status":{"disruptionsAllowed":1}}
            """,
            "web", "50%", "N/A", 1L, "<unknown>");

    [Fact]
    public void HorizontalPodAutoscaler_V2_ShowsMetricTargetsAsUpstream()
    {
        var cells = Cells(HorizontalPodAutoscalerTableConvertor.Instance, """
            {"apiVersion":"autoscaling/v2","metadata":{"name":"web"},
             "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":10,
                     "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}},
                                {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}}]},
             "status":{"currentReplicas":3,
                       "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":50,"averageValue":"120m"}}}]}}
            """);
        Assert.Equal("web | Deployment/web | cpu: 50%/80%, memory: <unknown>/500Mi | 2 | 10 | 3",
            Pick(cells, "Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas"));
    }

    [Fact]
    public void HorizontalPodAutoscaler_ShowsAtMostTwoTargets() =>
        Assert.Equal("5/10, <unknown>/1k + 2 more...", Cells(HorizontalPodAutoscalerTableConvertor.Instance, """
            {"spec":{"metrics":[
                {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"10"}}},
                {"type":"External","external":{"metric":{"name":"queue"},"target":{"type":"Value","value":"1k"}}},
                {"type":"Object","object":{"metric":{"name":"hits"},"target":{"type":"AverageValue","averageValue":"3"}}},
                {"type":"ContainerResource","containerResource":{"name":"cpu","container":"web","target":{"type":"Utilization"}}}]},
             "status":{"currentMetrics":[{"type":"Pods","pods":{"current":{"averageValue":"5"}}}]}}
            """)["Targets"]);

    [Theory]
    [InlineData("""{"type":"External","external":{"target":{"averageValue":"30"}}}""", """{"type":"External","external":{"current":{"averageValue":"12"}}}""", "12/30 (avg)")]
    [InlineData("""{"type":"External","external":{"target":{"value":"30"}}}""", """{"type":"External","external":{"current":{"value":"45"}}}""", "45/30")]
    [InlineData("""{"type":"Object","object":{"target":{"value":"2"}}}""", "null", "<unknown>/2")]
    [InlineData("""{"type":"Object","object":{"target":{"averageValue":"2"}}}""", """{"type":"Object","object":{"current":{"value":"9"}}}""", "<unknown>/2 (avg)")]
    [InlineData("""{"type":"ContainerResource","containerResource":{"name":"memory","target":{"averageUtilization":60}}}""", """{"type":"ContainerResource","containerResource":{"current":{"averageUtilization":61}}}""", "memory: 61%/60%")]
    [InlineData("""{"type":"ContainerResource","containerResource":{"name":"cpu","target":{"averageValue":"250m"}}}""", """{"type":"ContainerResource","containerResource":{"current":{"averageValue":"100m"}}}""", "cpu: 100m/250m")]
    [InlineData("""{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization"}}}""", "null", "cpu: <unknown>/<auto>")]
    [InlineData("""{"type":"Magic"}""", "null", "<unknown type>")]
    public void HorizontalPodAutoscaler_FormatsEachMetricType(string metric, string current, string expected) =>
        Assert.Equal(expected, Cells(HorizontalPodAutoscalerTableConvertor.Instance, """{"spec":{"metrics":[METRIC]},"status":{"currentMetrics":[CURRENT]}}"""
            .Replace("METRIC", metric, StringComparison.Ordinal).Replace("CURRENT", current, StringComparison.Ordinal))["Targets"]);

    [Fact]
    public void HorizontalPodAutoscaler_WithoutMetrics_ShowsNoneAndUnsetMinimum() =>
        AssertRow(HorizontalPodAutoscalerTableConvertor.Instance, """{"metadata":{"name":"h"},"spec":{"scaleTargetRef":{"kind":"StatefulSet","name":"db"},"maxReplicas":4}}""",
            "h", "StatefulSet/db", "<none>", "<unset>", 4L, 0L, "<unknown>");

    [Theory]
    [InlineData("""{"targetCPUUtilizationPercentage":70}""", """{"currentCPUUtilizationPercentage":35}""", "cpu: 35%/70%")]
    [InlineData("""{"targetCPUUtilizationPercentage":70}""", "{}", "cpu: <unknown>/70%")]
    [InlineData("{}", "{}", "<none>")]
    public void HorizontalPodAutoscaler_V1_ShowsTheCpuTargetLikeV2(string spec, string status, string expected) =>
        Assert.Equal(expected, Cells(HorizontalPodAutoscalerTableConvertor.Instance, """{"apiVersion":"autoscaling/v1","spec":SPEC,"status":STATUS}"""
            .Replace("SPEC", spec, StringComparison.Ordinal).Replace("STATUS", status, StringComparison.Ordinal))["Targets"]);
}
