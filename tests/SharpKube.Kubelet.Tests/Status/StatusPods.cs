using k8s.Models;

namespace SharpKube.Kubelet.Tests.Status;

/// <summary>Pods and API container statuses for the status tests.</summary>
internal static class StatusPods
{
    public static V1Pod Pod(string restartPolicy, params string[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "job", NamespaceProperty = "batch", Uid = "0a1b2c3d-0000-4000-8000-00000000000a" },
        Spec = new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            Containers = [.. containers.Select(Container)],
        },
    };

    public static V1Container Container(string name) => new() { Name = name, Image = "busybox:1.36" };

    /// <summary>Adds init containers; a name ending in "+" is a sidecar (restartPolicy Always), without the "+".</summary>
    public static V1Pod WithInit(this V1Pod pod, params string[] names)
    {
        pod.Spec.InitContainers = [.. names.Select(n => n.EndsWith('+')
            ? new V1Container { Name = n[..^1], Image = "busybox:1.36", RestartPolicy = "Always" }
            : Container(n))];
        return pod;
    }

    public static V1ContainerStatus RunningStatus(string name, bool started = true) => new()
    {
        Name = name,
        State = new V1ContainerState { Running = new V1ContainerStateRunning() },
        Started = started,
        Ready = started,
    };

    public static V1ContainerStatus TerminatedStatus(string name, int exitCode) => new()
    {
        Name = name,
        State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode } },
    };

    public static V1ContainerStatus WaitingStatus(string name, string reason = "ContainerCreating") => new()
    {
        Name = name,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } },
    };

    /// <summary>Waiting to be restarted after an exit (CrashLoopBackOff): the exit is the last state.</summary>
    public static V1ContainerStatus CrashedStatus(string name, int exitCode) => new()
    {
        Name = name,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
        LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode } },
    };
}
