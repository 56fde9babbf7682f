using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Status;

/// <summary>
/// Builds a pod's status from what the runtime holds, as upstream's kubelet does: phase, the PodReadyToStartContainers,
/// Initialized, ContainersReady and Ready conditions (PodScheduled is kept), host and pod IPs, start time, QoS class and
/// a status per init and app container.
/// </summary>
public static class PodStatusBuilder
{
    /// <summary>
    /// The status of <paramref name="pod"/> given <paramref name="runtime"/>; <paramref name="waiting"/> holds why the
    /// kubelet holds back containers, <paramref name="readiness"/> whether a running container is ready and started
    /// (its probes; without probes, running means both).
    /// </summary>
    public static V1PodStatus Build(V1Pod pod, RuntimePod runtime, IReadOnlyDictionary<string, ContainerWaiting> waiting,
        Func<V1Container, ContainerStatus, (bool Ready, bool Started)> readiness, string nodeIp, string qosClass, DateTime now)
    {
        var old = pod.Status ?? new V1PodStatus();
        var hostNetwork = pod.Spec?.HostNetwork == true;
        var sandbox = runtime.LatestSandbox;
        var sandboxReady = sandbox is { State: PodSandboxState.SandboxReady } && (hostNetwork || !string.IsNullOrEmpty(sandbox.Network?.Ip));
        var podIps = hostNetwork ? [nodeIp] : sandboxReady ? PodIps(sandbox!) : [];
        var initStatuses = Statuses(pod.Spec?.InitContainers, runtime, waiting, readiness, ContainerWaiting.Creating);
        var provisional = Statuses(pod.Spec?.Containers, runtime, waiting, readiness, ContainerWaiting.Creating);
        var initialized = Initialized(pod, initStatuses, provisional);
        var statuses = initialized ? provisional
            : Statuses(pod.Spec?.Containers, runtime, waiting, readiness, ContainerWaiting.Initializing);
        var phase = old.Phase is "Succeeded" or "Failed" ? old.Phase : PodPhaseRules.Phase(pod, initStatuses, statuses);
        // Upstream lists restartable init containers (sidecars) first, then the app containers.
        var unready = initStatuses.Where(s => IsSidecar(pod, s.Name) && !s.Ready).Select(s => s.Name)
            .Concat(statuses.Where(s => !s.Ready).Select(s => s.Name)).ToList();
        var incomplete = initStatuses.Where(s => IsSidecar(pod, s.Name) ? s.Started != true : s.State?.Terminated is not { ExitCode: 0 })
            .Select(s => s.Name).ToList();
        var completed = phase is "Succeeded" or "Failed";
        var endReason = phase == "Failed" ? "PodFailed" : "PodCompleted";
        var containersReady = !completed && unready.Count == 0;
        var gates = ReadinessGates(pod, old);
        var conditions = new List<V1PodCondition>
        {
            Condition(old, "PodReadyToStartContainers", sandboxReady, null, null, now),
            completed
                ? Condition(old, "Initialized", initialized, "PodCompleted", null, now, reasonWhenTrue: true)
                : Condition(old, "Initialized", initialized, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incomplete)}]", now),
            completed ? Condition(old, "Ready", false, endReason, null, now)
                : !containersReady ? Condition(old, "Ready", false, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]", now)
                : Condition(old, "Ready", gates is null, "ReadinessGatesNotReady", gates, now),
            Condition(old, "ContainersReady", containersReady, completed ? endReason : "ContainersNotReady",
                completed ? null : $"containers with unready status: [{string.Join(' ', unready)}]", now),
        };
        conditions.AddRange(old.Conditions?.Where(c => c.Type is not ("PodReadyToStartContainers" or "Initialized" or "Ready" or "ContainersReady")) ?? []);
        return new V1PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            HostIP = nodeIp,
            HostIPs = [new V1HostIP { Ip = nodeIp }],
            PodIP = podIps.FirstOrDefault(),
            PodIPs = podIps.Count == 0 ? null : [.. podIps.Select(ip => new V1PodIP { Ip = ip })],
            StartTime = old.StartTime ?? now,
            QosClass = old.QosClass ?? qosClass,
            InitContainerStatuses = initStatuses.Count == 0 ? null : initStatuses,
            ContainerStatuses = statuses,
        };
    }

    private static List<string> PodIps(PodSandboxStatus sandbox)
    {
        var ips = new List<string>();
        if (!string.IsNullOrEmpty(sandbox.Network?.Ip))
        {
            ips.Add(sandbox.Network.Ip);
        }
        ips.AddRange(sandbox.Network?.AdditionalIps.Select(ip => ip.Ip).Where(ip => !string.IsNullOrEmpty(ip)) ?? []);
        return ips;
    }

    private static List<V1ContainerStatus> Statuses(IList<V1Container>? containers, RuntimePod runtime, IReadOnlyDictionary<string, ContainerWaiting> waiting,
        Func<V1Container, ContainerStatus, (bool Ready, bool Started)> readiness, ContainerWaiting notCreated) =>
        [.. (containers ?? []).Select(c =>
        {
            var latest = runtime.Latest(c.Name);
            var (ready, started) = latest is { State: ContainerState.ContainerRunning } ? readiness(c, latest) : (false, false);
            var why = waiting.TryGetValue(c.Name, out var w) ? w : latest is null ? notCreated : null;
            return ContainerStatusMapping.Map(c, latest, runtime.Previous(c.Name), why, ready, started);
        })];

    /// <summary>
    /// Every regular init container succeeded and every sidecar started — or an app container already ran, after which a
    /// restarting sidecar no longer makes the pod uninitialized (upstream's rule).
    /// </summary>
    private static bool Initialized(V1Pod pod, List<V1ContainerStatus> initStatuses, List<V1ContainerStatus> appStatuses)
    {
        var regularDone = (pod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy != "Always")
            .All(init => initStatuses.FirstOrDefault(s => s.Name == init.Name)?.State?.Terminated is { ExitCode: 0 });
        if (!regularDone)
        {
            return false;
        }
        var sidecarsStarted = (pod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == "Always")
            .All(init => initStatuses.FirstOrDefault(s => s.Name == init.Name)?.Started == true);
        return sidecarsStarted || appStatuses.Any(PodPhaseRules.HasRun);
    }

    /// <summary>Null when every readiness gate's condition is True; else upstream's message naming the gates that are not.</summary>
    private static string? ReadinessGates(V1Pod pod, V1PodStatus old)
    {
        var problems = new List<string>();
        foreach (var gate in pod.Spec?.ReadinessGates ?? [])
        {
            var condition = old.Conditions?.FirstOrDefault(c => c.Type == gate.ConditionType);
            if (condition is null)
            {
                problems.Add($"corresponding condition of pod readiness gate \"{gate.ConditionType}\" does not exist.");
            }
            else if (condition.Status != "True")
            {
                problems.Add($"the status of pod readiness gate \"{gate.ConditionType}\" is not \"True\", but {condition.Status}");
            }
        }
        return problems.Count == 0 ? null : string.Join(", ", problems);
    }

    private static bool IsSidecar(V1Pod pod, string name) => pod.Spec?.InitContainers?.FirstOrDefault(c => c.Name == name)?.RestartPolicy == "Always";

    private static V1PodCondition Condition(V1PodStatus old, string type, bool isTrue, string? reason, string? message, DateTime now,
        bool reasonWhenTrue = false)
    {
        var status = isTrue ? "True" : "False";
        var previous = old.Conditions?.FirstOrDefault(c => c.Type == type);
        return new V1PodCondition
        {
            Type = type,
            Status = status,
            Reason = isTrue && !reasonWhenTrue ? null : reason,
            Message = isTrue ? null : message,
            LastTransitionTime = previous is not null && previous.Status == status && previous.LastTransitionTime is { } since ? since : now,
        };
    }
}
