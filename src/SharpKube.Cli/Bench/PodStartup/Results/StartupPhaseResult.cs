namespace SharpKube.Cli.Bench.PodStartup.Results;

/// <summary>One start phase: pods created at once, timed until the watch delivered each Running and Ready.</summary>
/// <param name="Pods">Pods created at once.</param>
/// <param name="CreateToRunning">Per pod: the watch-observed Running and Ready time minus the client time just before its create call.</param>
/// <param name="CreateToScheduled">Per pod: the time the watch first delivered it bound to the node minus the time before its create call.</param>
/// <param name="AllRunningSeconds">From the first create call to the last pod observed Running.</param>
/// <param name="CriTimePerPod">Per pod, from the kubelet: time inside CRI calls made by its syncs until it wrote the pod Running.</param>
/// <param name="CriCallsPerPod">The mean number of those CRI calls.</param>
/// <param name="KubeletSeenToRunning">Per pod, from the kubelet: from its informer delivering the pod to its first status write with phase Running.</param>
/// <param name="KubeletOverhead">Per pod: <paramref name="KubeletSeenToRunning"/> minus <paramref name="CriTimePerPod"/> — the kubelet's own time.</param>
/// <param name="Kubelet">The kubelet process over the phase (CPU) and at its end (memory, with the pods running).</param>
/// <param name="ControlPlane">The server process (API server, controller manager, scheduler) likewise.</param>
internal sealed record StartupPhaseResult(
    int Pods,
    LatencySummary CreateToRunning,
    LatencySummary CreateToScheduled,
    double AllRunningSeconds,
    LatencySummary CriTimePerPod,
    double CriCallsPerPod,
    LatencySummary KubeletSeenToRunning,
    LatencySummary KubeletOverhead,
    ProcessUsage Kubelet,
    ProcessUsage ControlPlane);
