namespace SharpKube.Scheduler.Scheduling;

/// <summary>Where a scheduling cycle placed a pod.</summary>
/// <param name="SuggestedHost">The chosen node.</param>
/// <param name="EvaluatedNodes">How many nodes were looked at (filtered).</param>
/// <param name="FeasibleNodes">How many of them fit.</param>
public readonly record struct ScheduleResult(string SuggestedHost, int EvaluatedNodes, int FeasibleNodes);
