namespace SharpKube.Kubelet.Containers;

/// <summary>A pod's quality-of-service class, as <c>status.qosClass</c> names it.</summary>
public enum PodQosClass
{
    /// <summary>Every container sets cpu and memory limits, and its requests equal them.</summary>
    Guaranteed,

    /// <summary>Some container requests or limits cpu or memory, but the pod is not Guaranteed.</summary>
    Burstable,

    /// <summary>No container requests or limits cpu or memory.</summary>
    BestEffort,
}
