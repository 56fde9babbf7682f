namespace SharpKube.Cli.Bench.Streaming;

/// <summary>What <c>sharpkube bench streaming</c> measured.</summary>
/// <param name="Benchmark">"streaming".</param>
/// <param name="CommandLine">The command line.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Machine">The machine.</param>
/// <param name="ControlPlane">The server process, in words.</param>
/// <param name="Kubelet">The kubelet process, in words.</param>
/// <param name="Kubectl">The kubectl binary and its client version.</param>
/// <param name="KubectlExec">Wall time of each <c>kubectl exec pod -- true</c>, process start to exit.</param>
/// <param name="ClientExec">Each WebSocket exec (<c>v5.channel.k8s.io</c>) of <c>true</c> by the benchmark's own client: upgrade to close.</param>
/// <param name="FileMiB">The size of each download.</param>
/// <param name="ForwardMBps">Throughput through <c>kubectl port-forward</c>, MB/s (10^6 bytes), the median of the downloads.</param>
/// <param name="DirectMBps">Throughput straight from the pod IP, MB/s, the median of the downloads.</param>
internal sealed record StreamingBenchReport(
    string Benchmark,
    string CommandLine,
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    string ControlPlane,
    string Kubelet,
    string Kubectl,
    LatencySummary KubectlExec,
    LatencySummary ClientExec,
    int FileMiB,
    double ForwardMBps,
    double DirectMBps);
