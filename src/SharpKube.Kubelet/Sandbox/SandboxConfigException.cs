namespace SharpKube.Kubelet.Sandbox;

/// <summary>
/// A pod whose sandbox config cannot be built (an invalid hostname, an unreadable resolv.conf, …). The kubelet reports
/// it as an event with reason <c>CreatePodSandboxConfigError</c>, as upstream does.
/// </summary>
public sealed class SandboxConfigException : Exception
{
    /// <summary>An error with upstream's message.</summary>
    public SandboxConfigException(string message)
        : base(message)
    {
    }

    /// <summary>An error with upstream's message and the failure that caused it.</summary>
    public SandboxConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
