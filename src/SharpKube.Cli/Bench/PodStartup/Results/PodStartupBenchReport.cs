namespace SharpKube.Cli.Bench.PodStartup.Results;

/// <summary>What <c>sharpkube bench pod-startup</c> measured.</summary>
/// <param name="Benchmark">"pod-startup".</param>
/// <param name="CommandLine">The command line.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Machine">The machine.</param>
/// <param name="ControlPlane">The server process, in words.</param>
/// <param name="Kubelet">The kubelet process, in words.</param>
/// <param name="Image">The image every pod runs.</param>
/// <param name="NodeReadySeconds">From starting the kubelet to its Node reporting Ready (containerd start and image import included).</param>
/// <param name="SinglePod">The warm-up: one pod alone.</param>
/// <param name="Batch">The batch: every pod created at once.</param>
/// <param name="KubeletIdleRssBytes">The kubelet's VmRSS after the warm-up pod was removed, before the batch.</param>
/// <param name="CriOperations">The kubelet's CRI calls by operation type over the whole run (calls, mean duration), from its <c>/metrics</c>.</param>
/// <param name="Targets">SharpKube's targets and whether they were met.</param>
/// <param name="Upstream">Upstream's density test limits, for comparison.</param>
internal sealed record PodStartupBenchReport(
    string Benchmark,
    string CommandLine,
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    string ControlPlane,
    string Kubelet,
    string Image,
    double NodeReadySeconds,
    StartupPhaseResult SinglePod,
    StartupPhaseResult Batch,
    long? KubeletIdleRssBytes,
    IReadOnlyDictionary<string, CriOperationFigures> CriOperations,
    PodStartupTargets Targets,
    UpstreamDensityAnchor Upstream);
