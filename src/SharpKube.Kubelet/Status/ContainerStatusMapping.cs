using k8s.Models;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Status;

/// <summary>Maps the runtime's view of a container's instances to the <c>V1ContainerStatus</c> the pod's status reports.</summary>
public static class ContainerStatusMapping
{
    /// <summary>The prefix of container IDs in pod status, naming the runtime.</summary>
    public const string ContainerIdPrefix = "containerd://";

    /// <summary>
    /// The status of <paramref name="container"/>: <paramref name="latest"/> is its newest instance (null when none
    /// was created yet), <paramref name="previous"/> the one before it; <paramref name="waiting"/> is why the kubelet
    /// has not (re)started it, if it has not.
    /// </summary>
    public static V1ContainerStatus Map(V1Container container, ContainerStatus? latest, ContainerStatus? previous, ContainerWaiting? waiting,
        bool ready, bool started)
    {
        var status = new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = "",
            RestartCount = (int)(latest?.Metadata?.Attempt ?? 0),
            Ready = false,
            Started = false,
        };
        if (latest is null)
        {
            status.State = new V1ContainerState { Waiting = Waiting(waiting ?? ContainerWaiting.Creating) };
            return status;
        }
        status.ContainerID = ContainerIdPrefix + latest.Id;
        status.ImageID = ImageId(latest);
        switch (latest.State)
        {
            case ContainerState.ContainerRunning:
                status.State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = CriTime.ToApiTime(latest.StartedAt) } };
                status.LastState = previous is null ? new V1ContainerState() : new V1ContainerState { Terminated = Terminated(previous, container) };
                status.Ready = ready;
                status.Started = started;
                break;
            case ContainerState.ContainerExited when waiting is not null:
                // Exited and waiting to be restarted (e.g. CrashLoopBackOff): the exit becomes the last state.
                status.State = new V1ContainerState { Waiting = Waiting(waiting) };
                status.LastState = new V1ContainerState { Terminated = Terminated(latest, container) };
                break;
            case ContainerState.ContainerExited:
                status.State = new V1ContainerState { Terminated = Terminated(latest, container) };
                status.LastState = previous is null ? new V1ContainerState() : new V1ContainerState { Terminated = Terminated(previous, container) };
                break;
            default:
                status.State = new V1ContainerState { Waiting = Waiting(waiting ?? ContainerWaiting.Creating) };
                status.LastState = previous is null ? new V1ContainerState() : new V1ContainerState { Terminated = Terminated(previous, container) };
                break;
        }
        return status;
    }

    /// <summary>The terminated state of an exited instance, with the runtime's reason (Completed, Error, OOMKilled) and message.</summary>
    public static V1ContainerStateTerminated Terminated(ContainerStatus instance, V1Container? container = null) => new()
    {
        ExitCode = instance.ExitCode,
        Reason = string.IsNullOrEmpty(instance.Reason) ? (instance.ExitCode == 0 ? "Completed" : "Error") : instance.Reason,
        Message = TerminationMessage.Read(instance, container) ?? (string.IsNullOrEmpty(instance.Message) ? null : instance.Message),
        StartedAt = CriTime.ToApiTime(instance.StartedAt),
        FinishedAt = CriTime.ToApiTime(instance.FinishedAt),
        ContainerID = ContainerIdPrefix + instance.Id,
    };

    private static V1ContainerStateWaiting Waiting(ContainerWaiting waiting) => new() { Reason = waiting.Reason, Message = waiting.Message };

    /// <summary>The image's digest reference as the runtime reports it in <c>image_ref</c>, as upstream reports it.</summary>
    private static string ImageId(ContainerStatus instance) => instance.ImageRef ?? "";
}
