using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace SharpKube.Controllers.HollowNodes;

/// <summary>
/// The status a kubelet posts for a pod whose containers all started: phase Running with the host and pod IPs,
/// the start time, the five True conditions, every container running, ready and started, and init containers
/// completed (sidecars — init containers with <c>restartPolicy: Always</c> — running). Container and image IDs are
/// made up (<c>hollow://…</c>) but stable for a given pod and image.
/// </summary>
internal static class RunningPodStatus
{
    /// <summary>
    /// A strategic merge patch of <paramref name="pod"/>'s status (conditions merge by type, so PodScheduled and
    /// others stay), conditional on the pod's uid and resourceVersion.
    /// </summary>
    public static V1Pod Patch(V1Pod pod, string hostIp, string podIp, DateTime now)
    {
        var started = pod.Status?.StartTime ?? now;
        var uid = pod.Metadata.Uid ?? "";
        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Uid = pod.Metadata.Uid, ResourceVersion = pod.Metadata.ResourceVersion },
            Status = new V1PodStatus
            {
                Phase = "Running",
                HostIP = hostIp,
                HostIPs = [new V1HostIP { Ip = hostIp }],
                PodIP = podIp,
                PodIPs = [new V1PodIP { Ip = podIp }],
                StartTime = started,
                Conditions =
                [
                    Condition("PodReadyToStartContainers", now),
                    Condition("Initialized", now),
                    Condition("Ready", now),
                    Condition("ContainersReady", now),
                ],
                InitContainerStatuses = pod.Spec.InitContainers is { Count: > 0 } init
                    ? [.. init.Select(c => c.RestartPolicy == "Always" ? Running(c, uid, started) : Completed(c, uid, started))]
                    : null,
                ContainerStatuses = [.. pod.Spec.Containers.Select(c => Running(c, uid, started))],
            },
        };
    }

    private static V1PodCondition Condition(string type, DateTime now) =>
        new() { Type = type, Status = "True", LastTransitionTime = now };

    private static V1ContainerStatus Running(V1Container container, string podUid, DateTime started) => new()
    {
        Name = container.Name,
        Image = container.Image,
        ImageID = ImageId(container.Image),
        ContainerID = ContainerId(podUid, container.Name),
        Ready = true,
        Started = true,
        RestartCount = 0,
        LastState = new V1ContainerState(),
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = started } },
    };

    private static V1ContainerStatus Completed(V1Container container, string podUid, DateTime started)
    {
        var id = ContainerId(podUid, container.Name);
        return new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = ImageId(container.Image),
            ContainerID = id,
            Ready = true,
            Started = false,
            RestartCount = 0,
            LastState = new V1ContainerState(),
            State = new V1ContainerState
            {
                Terminated = new V1ContainerStateTerminated
                {
                    ExitCode = 0, Reason = "Completed", StartedAt = started, FinishedAt = started, ContainerID = id,
                },
            },
        };
    }

    private static string ContainerId(string podUid, string? container) => "hollow://" + Sha256(podUid + "/" + container);

    /// <summary>An image ID in the shape containerd reports (<c>repository@sha256:…</c>), from the image's name.</summary>
    private static string ImageId(string? image)
    {
        var name = image ?? "";
        var digest = name.IndexOf('@', StringComparison.Ordinal);
        if (digest >= 0)
        {
            return name;
        }
        var lastSlash = name.LastIndexOf('/');
        var tag = name.LastIndexOf(':');
        var repository = tag > lastSlash ? name[..tag] : name;
        return repository + "@sha256:" + Sha256(name);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
