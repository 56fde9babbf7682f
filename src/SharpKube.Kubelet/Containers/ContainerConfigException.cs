namespace SharpKube.Kubelet.Containers;

/// <summary>
/// A container whose config cannot be built yet: a ConfigMap, Secret or key it needs is missing, or a downward-API
/// reference is invalid. The message is upstream's (<c>configmap "x" not found</c>, <c>couldn't find key k in Secret
/// ns/s</c>, …); the kubelet shows it in the container's waiting state with reason <c>CreateContainerConfigError</c>.
/// </summary>
public sealed class ContainerConfigException : Exception
{
    /// <summary>An error with upstream's message.</summary>
    public ContainerConfigException(string message)
        : base(message)
    {
    }

    /// <summary>An error with upstream's message and the failure that caused it.</summary>
    public ContainerConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
