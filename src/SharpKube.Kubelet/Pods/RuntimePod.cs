using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Pods;

/// <summary>
/// What the container runtime holds for one pod: its sandboxes (newest first) and its containers (every instance,
/// newest first), read through CRI. The kubelet decides what to do from this, never from what it remembers.
/// </summary>
public sealed class RuntimePod(string uid, IReadOnlyList<PodSandboxStatus> sandboxes, IReadOnlyList<ContainerStatus> containers,
    IReadOnlyDictionary<string, string> sandboxOfContainer)
{
    /// <summary>The pod's uid (the <c>io.kubernetes.pod.uid</c> label of its sandboxes and containers).</summary>
    public string Uid { get; } = uid;

    /// <summary>The pod's sandboxes, newest first.</summary>
    public IReadOnlyList<PodSandboxStatus> Sandboxes { get; } = sandboxes;

    /// <summary>Every instance of the pod's containers, newest first.</summary>
    public IReadOnlyList<ContainerStatus> Containers { get; } = containers;

    /// <summary>The newest sandbox, or null when there is none.</summary>
    public PodSandboxStatus? LatestSandbox => Sandboxes.Count > 0 ? Sandboxes[0] : null;

    /// <summary>Whether nothing of the pod is left in the runtime.</summary>
    public bool IsEmpty => Sandboxes.Count == 0 && Containers.Count == 0;

    /// <summary>Whether any container of the pod is running.</summary>
    public bool AnyRunning => Containers.Any(c => c.State == ContainerState.ContainerRunning);

    /// <summary>The newest instance of the container <paramref name="name"/>, or null when it never ran.</summary>
    public ContainerStatus? Latest(string name) => Containers.FirstOrDefault(c => c.Metadata?.Name == name);

    /// <summary>The instance before the newest one of the container <paramref name="name"/> (its last termination), or null.</summary>
    public ContainerStatus? Previous(string name) => Containers.Where(c => c.Metadata?.Name == name).Skip(1).FirstOrDefault();

    /// <summary>The newest instance of the container <paramref name="name"/> in sandbox <paramref name="sandboxId"/>, or null.</summary>
    public ContainerStatus? LatestIn(string name, string sandboxId) =>
        Containers.FirstOrDefault(c => c.Metadata?.Name == name && sandboxOfContainer.TryGetValue(c.Id, out var s) && s == sandboxId);

    /// <summary>The sandbox container <paramref name="containerId"/> belongs to, or null when unknown.</summary>
    public string? SandboxOf(string containerId) => sandboxOfContainer.TryGetValue(containerId, out var sandbox) ? sandbox : null;

    /// <summary>The next attempt number of the container <paramref name="name"/>: one more than any instance so far.</summary>
    public uint NextAttempt(string name) =>
        Containers.Where(c => c.Metadata?.Name == name).Select(c => c.Metadata.Attempt + 1).DefaultIfEmpty(0u).Max();
}
