namespace SharpKube.Kubelet.Pods;

/// <summary>An image a container needs could not be had: <see cref="Reason"/> is the waiting reason upstream reports (ErrImagePull, ErrImageNeverPull).</summary>
public sealed class ImagePullException(string reason, string message) : Exception(message)
{
    /// <summary>The container's waiting reason.</summary>
    public string Reason { get; } = reason;
}
