namespace SharpKube.Kubelet.Containerd;

/// <summary>How the kubelet starts and supervises its own containerd.</summary>
public sealed class ManagedContainerdOptions
{
    /// <summary>The agent's state directory; containerd's files go to its <c>containerd/</c> subdirectory.</summary>
    public required string AgentDir { get; init; }

    /// <summary>The containerd binary: a path, or a name looked up on PATH.</summary>
    public string ContainerdPath { get; init; } = "containerd";

    /// <summary>The pause image for pod sandboxes.</summary>
    public string SandboxImage { get; init; } = ContainerdConfig.DefaultSandboxImage;

    /// <summary>Where the CNI plugin binaries are.</summary>
    public string CniBinDir { get; init; } = ContainerdConfig.DefaultCniBinDir;

    /// <summary>How long a (re)started containerd may take until its CRI answers Version.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stopping containerd gets after SIGTERM before it is sent SIGKILL.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first restart after an unexpected exit; it doubles with each crash.</summary>
    public TimeSpan MinRestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap of the restart wait.</summary>
    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock for start timeouts and restart backoff.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
