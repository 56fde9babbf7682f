namespace SharpKube.Kubelet.Streaming;

/// <summary>
/// What a streaming request is aimed at: the CRI id of a running container (exec, attach) or of a ready sandbox
/// (port-forward), or the HTTP code and plain-text message upstream's kubelet answers when there is none.
/// </summary>
internal sealed record StreamTarget(string? Id, int StatusCode, string ErrorMessage)
{
    /// <summary>A found container or sandbox.</summary>
    public static StreamTarget Found(string id) => new(id, 200, "");

    /// <summary>404 <c>pod does not exist</c>: the kubelet does not run a pod of that name.</summary>
    public static StreamTarget PodDoesNotExist { get; } = new(null, 404, "pod does not exist");

    /// <summary>404 <c>pod not found</c>: the path names a uid the pod does not have.</summary>
    public static StreamTarget PodUidMismatch { get; } = new(null, 404, "pod not found");

    /// <summary>500 <c>container not found ("C")</c>: no running instance of the container (upstream's code and text).</summary>
    public static StreamTarget ContainerNotFound(string container) => new(null, 500, $"container not found (\"{container}\")");

    /// <summary>500 <c>pod not found ("NAME_NAMESPACE")</c>: the pod has no ready sandbox.</summary>
    public static StreamTarget SandboxNotFound(string name, string ns) => new(null, 500, $"pod not found (\"{name}_{ns}\")");
}
