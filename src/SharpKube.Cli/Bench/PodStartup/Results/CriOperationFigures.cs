namespace SharpKube.Cli.Bench.PodStartup.Results;

/// <summary>One CRI operation type over the whole run, from the kubelet's <c>kubelet_runtime_operations_duration_seconds</c>.</summary>
/// <param name="Count">Calls made.</param>
/// <param name="MeanMs">Their mean duration.</param>
internal sealed record CriOperationFigures(long Count, double MeanMs);
