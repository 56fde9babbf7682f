using k8s.Models;
using SharpKube.Scheduler.Framework;
using SharpKube.Scheduler.Hosting;
using SharpKube.Scheduler.Tests.Fixtures;

namespace SharpKube.Scheduler.Tests.Cache;

public sealed class CachedPodTrimmingTests
{
    [Fact]
    public void Trim_OfAnAssignedPod_DropsPodScheduled_KeepsDisruptionTarget_AndPortsWithoutHostPortsGo()
    {
        var pod = Make.Pod("bound", cpu: "100m", nodeName: "n1");
        pod.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80, Protocol = "TCP" }];
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions =
            [
                new V1PodCondition { Type = "PodScheduled", Status = "True" },
                new V1PodCondition { Type = "DisruptionTarget", Status = "True", Reason = "PreemptionByScheduler" },
            ],
        };

        var trimmed = CachedPodTrimming.Trim(pod);

        Assert.Equal("DisruptionTarget", Assert.Single(trimmed.Status.Conditions).Type);
        Assert.Null(trimmed.Spec.Containers[0].Ports);
        Assert.Empty(PodInfo.Create(trimmed).HostPorts);
    }

    [Fact]
    public void Trim_KeepsWhatSchedulingReads_AndDropsTheRest()
    {
        var pod = Make.Pod("web", cpu: "250m", memory: "64Mi");
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
        pod.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply" }];
        var container = pod.Spec.Containers[0];
        container.Ports = [new V1ContainerPort { ContainerPort = 80, HostPort = 8080 }, new V1ContainerPort { ContainerPort = 9090, Name = "metrics" }];
        container.Env = [new V1EnvVar { Name = "A", Value = "1" }];
        container.Command = ["serve"];
        container.ReadinessProbe = new V1Probe { PeriodSeconds = 5 };
        container.Resources.Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") };
        pod.Spec.InitContainers = [new V1Container { Name = "sidecar", Image = "proxy:1", RestartPolicy = "Always", Env = [new V1EnvVar { Name = "B", Value = "2" }] }];
        pod.Spec.Tolerations = [new V1Toleration { Key = "gpu", OperatorProperty = "Exists" }];
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            NominatedNodeName = "n1",
            StartTime = new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc),
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True" }, new V1PodCondition { Type = "Ready", Status = "True" }],
            ContainerStatuses = [new V1ContainerStatus { Name = "app", Image = "app", ImageID = "x", Ready = true, RestartCount = 0 }],
            PodIP = "10.0.0.1",
        };
        var before = PodInfo.Create(pod);

        var trimmed = CachedPodTrimming.Trim(pod);
        var after = PodInfo.Create(trimmed);

        Assert.Null(trimmed.Metadata.ManagedFields);
        Assert.Equal("web", trimmed.Metadata.Labels["app"]);
        Assert.Null(trimmed.Spec.Containers[0].Env);
        Assert.Null(trimmed.Spec.Containers[0].Command);
        Assert.Null(trimmed.Spec.Containers[0].ReadinessProbe);
        Assert.Null(trimmed.Spec.InitContainers[0].Env);
        Assert.Equal("Always", trimmed.Spec.InitContainers[0].RestartPolicy);
        Assert.Null(trimmed.Status.ContainerStatuses);
        Assert.Null(trimmed.Status.PodIP);
        Assert.Equal("Running", trimmed.Status.Phase);
        Assert.Equal("n1", trimmed.Status.NominatedNodeName);
        Assert.NotNull(trimmed.Status.StartTime);
        Assert.Equal("PodScheduled", Assert.Single(trimmed.Status.Conditions).Type);
        Assert.Equal(8080, Assert.Single(trimmed.Spec.Containers[0].Ports).HostPort);
        Assert.Null(trimmed.Spec.Containers[0].Resources.Limits);
        // The scheduler's facts about the pod do not change.
        Assert.Equal(before.Requests.MilliCpu, after.Requests.MilliCpu);
        Assert.Equal(before.Requests.Memory, after.Requests.Memory);
        Assert.Equal(before.HostPorts, after.HostPorts);
        Assert.Equal(before.Tolerations.Count, after.Tolerations.Count);
        Assert.Equal(before.NonZeroMilliCpu, after.NonZeroMilliCpu);
    }

    [Fact]
    public void Trim_SharesRepeatedStrings_BetweenPods()
    {
        static V1Pod Decoded(string name)
        {
            // Decoding gives every pod its own string instances.
            var pod = Make.Pod(name, cpu: "100m", ns: new string("team-x".ToCharArray()));
            pod.Spec.Containers[0].Image = new string("registry.example/app:v1".ToCharArray());
            pod.Spec.Tolerations =
            [
                new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
                new V1Toleration { Key = "node.kubernetes.io/unreachable", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
            ];
            return pod;
        }

        var a = CachedPodTrimming.Trim(Decoded("a"));
        var b = CachedPodTrimming.Trim(Decoded("b"));

        Assert.Same(a.Metadata.NamespaceProperty, b.Metadata.NamespaceProperty);
        Assert.Same(a.Spec.Containers[0].Image, b.Spec.Containers[0].Image);
        Assert.Same(a.Spec.Containers[0].Resources.Requests, b.Spec.Containers[0].Resources.Requests);
        Assert.Equal("100m", a.Spec.Containers[0].Resources.Requests["cpu"].ToString());
        Assert.Same(a.Spec.Tolerations, b.Spec.Tolerations);
        Assert.Same(a.Spec.Tolerations, PodInfo.Create(b).Tolerations);
        var other = Decoded("c");
        other.Spec.Tolerations[1].TolerationSeconds = 60;
        Assert.NotSame(a.Spec.Tolerations, CachedPodTrimming.Trim(other).Spec.Tolerations);
    }

    [Fact]
    public void Trim_SharesContainerListsAndStatuses_BetweenPodsOfOneTemplate_ButNotDifferentOnes()
    {
        var started = new DateTime(2026, 11, 28, 4, 0, 0, DateTimeKind.Utc);
        V1Pod Running(string name, string cpu = "100m", int? hostPort = null, DateTime? startTime = null)
        {
            var pod = Make.Pod(name, cpu: cpu, nodeName: "n1");
            pod.Spec.Containers[0].Image = new string("registry.example/app:v1".ToCharArray());
            pod.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80, HostPort = hostPort }];
            pod.Status = new V1PodStatus
            {
                Phase = "Running",
                QosClass = "Burstable",
                StartTime = startTime ?? started,
                PodIP = "10.0.0." + name.Length,
                Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
                ContainerStatuses = [new V1ContainerStatus { Name = "app", Ready = true, RestartCount = 0 }],
            };
            return pod;
        }

        var a = CachedPodTrimming.Trim(Running("a"));
        var b = CachedPodTrimming.Trim(Running("bb"));

        Assert.Same(a.Spec.Containers, b.Spec.Containers);
        Assert.Same(a.Status, b.Status);
        Assert.Equal("Running", a.Status.Phase);
        Assert.Equal(started, a.Status.StartTime);
        Assert.Null(a.Status.Conditions);
        // Anything scheduling reads that differs keeps the pods apart.
        Assert.NotSame(a.Spec.Containers, CachedPodTrimming.Trim(Running("c", cpu: "200m")).Spec.Containers);
        Assert.Equal(8080, Assert.Single(CachedPodTrimming.Trim(Running("d", hostPort: 8080)).Spec.Containers[0].Ports).HostPort);
        Assert.NotSame(a.Status, CachedPodTrimming.Trim(Running("e", startTime: started.AddSeconds(1))).Status);
        var nominated = Running("f");
        nominated.Status.NominatedNodeName = "n2";
        Assert.Equal("n2", CachedPodTrimming.Trim(nominated).Status.NominatedNodeName);
        Assert.Null(a.Status.NominatedNodeName);
    }
}
