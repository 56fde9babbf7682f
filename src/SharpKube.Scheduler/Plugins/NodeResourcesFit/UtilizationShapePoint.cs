namespace SharpKube.Scheduler.Plugins.NodeResourcesFit;

/// <summary>A point of RequestedToCapacityRatio's curve: at this utilization (0–100 %), this score (0–10).</summary>
/// <param name="Utilization">The utilization, in percent.</param>
/// <param name="Score">The score there, 0–10 (scaled to 0–100 when scoring).</param>
public sealed record UtilizationShapePoint(int Utilization, int Score);
