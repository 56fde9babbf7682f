namespace SharpKube.Kubelet.Containers;

/// <summary>
/// The label and annotation keys the kubelet puts on CRI sandboxes and containers. They are the keys upstream's kubelet
/// uses, so <c>crictl</c> and other tools read them, and the kubelet finds its own sandboxes and containers again after a
/// restart by them.
/// </summary>
public static class CriLabels
{
    /// <summary>Label on sandboxes and containers: the pod's name.</summary>
    public const string PodName = "io.kubernetes.pod.name";

    /// <summary>Label on sandboxes and containers: the pod's namespace.</summary>
    public const string PodNamespace = "io.kubernetes.pod.namespace";

    /// <summary>Label on sandboxes and containers: the pod's UID.</summary>
    public const string PodUid = "io.kubernetes.pod.uid";

    /// <summary>Label on containers: the container's name in the pod spec.</summary>
    public const string ContainerName = "io.kubernetes.container.name";

    /// <summary>Annotation on containers: the hex hash of the container spec it was created from.</summary>
    public const string ContainerHash = "io.kubernetes.container.hash";

    /// <summary>Annotation on containers: how many times the container had been restarted when this one was created.</summary>
    public const string ContainerRestartCount = "io.kubernetes.container.restartCount";

    /// <summary>Annotation on containers: the spec's terminationMessagePath.</summary>
    public const string ContainerTerminationMessagePath = "io.kubernetes.container.terminationMessagePath";

    /// <summary>Annotation on containers: the spec's terminationMessagePolicy.</summary>
    public const string ContainerTerminationMessagePolicy = "io.kubernetes.container.terminationMessagePolicy";

    /// <summary>Annotation on containers: the pod's terminationGracePeriodSeconds, when set.</summary>
    public const string PodTerminationGracePeriod = "io.kubernetes.pod.terminationGracePeriod";

    /// <summary>Annotation on containers: the pod's metadata.deletionGracePeriodSeconds, when set.</summary>
    public const string PodDeletionGracePeriod = "io.kubernetes.pod.deletionGracePeriod";

    /// <summary>Annotation on containers: the container's preStop handler as JSON, so it can run after a kubelet restart.</summary>
    public const string ContainerPreStopHandler = "io.kubernetes.container.preStopHandler";

    /// <summary>Annotation on containers: the container's ports as JSON.</summary>
    public const string ContainerPorts = "io.kubernetes.container.ports";
}
