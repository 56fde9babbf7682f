namespace SharpKube.Cli.Bench.ApiServer.Target;

/// <summary>The server's memory at one moment.</summary>
/// <param name="RssBytes">Resident memory now.</param>
/// <param name="PeakRssBytes">The most resident memory since the process started, when known.</param>
/// <param name="Method">How it was measured.</param>
/// <param name="IncludesClient">Whether the figure includes the benchmark's own clients (the server runs in their process).</param>
/// <param name="ManagedHeapBytes">The .NET heap after a full collection, when the run can collect it (an in-process server).</param>
internal sealed record ServerMemorySample(long RssBytes, long? PeakRssBytes, string Method, bool IncludesClient, long? ManagedHeapBytes = null);
