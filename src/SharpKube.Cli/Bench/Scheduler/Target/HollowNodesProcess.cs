using System.Globalization;
using SharpKube.Cli.Bench.Scheduler.Workload;

namespace SharpKube.Cli.Bench.Scheduler.Target;

/// <summary>
/// <c>sharpkube hollow-nodes</c> run as a child process: the workload's nodes, shaped as upstream's
/// <c>node-default.yaml</c> (4 CPU, 32Gi, 110 pods), renewing their Leases and running the pods bound to them.
/// </summary>
internal sealed class HollowNodesProcess : IAsyncDisposable
{
    /// <summary>The prefix of every node name.</summary>
    public const string NamePrefix = "scheduler-perf-";

    private const int TailLines = 20;

    private HollowNodesProcess(ChildProcess process, int count)
    {
        Process = process;
        Count = count;
    }

    /// <summary>The process, for its CPU time and memory.</summary>
    public ChildProcess Process { get; }

    /// <summary>How many nodes it runs.</summary>
    public int Count { get; }

    /// <summary>What runs, in words, for the report.</summary>
    public string Description =>
        $"sharpkube hollow-nodes child process (pid {Process.Id.ToString(CultureInfo.InvariantCulture)}): {Count.ToString("N0", CultureInfo.InvariantCulture)} " +
        "nodes of 4 CPU, 32Gi, 110 pods; Leases every 10 s; bound pods reported Running";

    /// <summary>Starts the nodes of <paramref name="workload"/> with the administrator's <paramref name="kubeconfig"/>.</summary>
    public static HollowNodesProcess Start(SchedulerWorkload workload, string kubeconfig, string workingDirectory)
    {
        var process = ChildProcess.Start(
        [
            "hollow-nodes", "--kubeconfig", kubeconfig, "--count", workload.Nodes.ToString(CultureInfo.InvariantCulture),
            "--name-prefix", NamePrefix, "--cpu", "4", "--memory", "32Gi", "--pods", "110",
            "--zones", workload.Zones.ToString(CultureInfo.InvariantCulture), "--pod-cidr", "100.64.0.0/10",
        ], workingDirectory, new OutputTail(TailLines, "Starting"));
        return new HollowNodesProcess(process, workload.Nodes);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
