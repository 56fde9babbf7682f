namespace SharpKube.Cli.Bench.ApiServer.Results;

/// <summary>The server's resident memory.</summary>
/// <param name="Method">How it was measured.</param>
/// <param name="IncludesClient">Whether the figures include the benchmark's clients (an in-process server).</param>
/// <param name="PodsStored">Pods in the run's namespace when measured.</param>
/// <param name="RssBytes">Resident memory with the pods stored, after the LIST phase and before the watchers start.</param>
/// <param name="RssAfterWatchBytes">Resident memory after the watch phase, its watchers closed.</param>
/// <param name="PeakRssBytes">The most resident memory of the process over the run, when known.</param>
/// <param name="ManagedHeapBytes">The .NET heap after a full collection with the pods stored, when the run can collect it (in-process).</param>
internal sealed record MemoryResult(
    string Method,
    bool IncludesClient,
    long PodsStored,
    long RssBytes,
    long? RssAfterWatchBytes,
    long? PeakRssBytes,
    long? ManagedHeapBytes);
