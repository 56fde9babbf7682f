namespace SharpKube.Kubelet.Probes;

/// <summary>The three probes a container may declare, in the order the kubelet lets them run.</summary>
public enum ProbeKind
{
    /// <summary><c>startupProbe</c>: until it succeeds the container is not started, and no other probe runs.</summary>
    Startup,

    /// <summary><c>livenessProbe</c>: failing it past its threshold gets the container stopped and restarted.</summary>
    Liveness,

    /// <summary><c>readinessProbe</c>: the container is ready (and serves its Services) only while it succeeds.</summary>
    Readiness,
}
