using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Tests.Status;

/// <summary>CRI container and sandbox statuses as containerd reports them, for the status tests.</summary>
internal static class CriContainers
{
    /// <summary>2026-01-02T03:04:05Z in CRI nanoseconds.</summary>
    public static readonly long T0 = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>A nanosecond count <paramref name="seconds"/> after <see cref="T0"/>, with a sub-second part the API drops.</summary>
    public static long At(long seconds) => T0 + (seconds * 1_000_000_000L) + 123_456_789;

    public static ContainerStatus Running(string name, uint attempt = 0, string? id = null) => new()
    {
        Id = id ?? $"{name}-{attempt}",
        Metadata = new ContainerMetadata { Name = name, Attempt = attempt },
        State = ContainerState.ContainerRunning,
        CreatedAt = At(attempt * 100),
        StartedAt = At((attempt * 100) + 1),
        Image = new ImageSpec { Image = "docker.io/library/busybox:1.36" },
        ImageRef = "docker.io/library/busybox@sha256:" + new string('a', 64),
    };

    public static ContainerStatus Exited(string name, int exitCode, uint attempt = 0, string reason = "", string? id = null)
    {
        var status = Running(name, attempt, id);
        status.State = ContainerState.ContainerExited;
        status.ExitCode = exitCode;
        status.Reason = reason;
        status.FinishedAt = At((attempt * 100) + 50);
        return status;
    }

    public static ContainerStatus Created(string name, uint attempt = 0)
    {
        var status = Running(name, attempt);
        status.State = ContainerState.ContainerCreated;
        status.StartedAt = 0;
        return status;
    }

    public static PodSandboxStatus PodSandbox(string ip, PodSandboxState state = PodSandboxState.SandboxReady, params string[] more)
    {
        var sandbox = new PodSandboxStatus
        {
            Id = "sandbox-1",
            State = state,
            Network = new PodSandboxNetworkStatus { Ip = ip },
        };
        sandbox.Network.AdditionalIps.AddRange(more.Select(m => new PodIP { Ip = m }));
        return sandbox;
    }
}
