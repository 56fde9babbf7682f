namespace SharpKube.Scheduler.Queue;

/// <summary>How many pods wait where (the <c>scheduler_pending_pods</c> gauge's queues).</summary>
/// <param name="Active">Ready to be scheduled.</param>
/// <param name="Backoff">Waiting out their backoff.</param>
/// <param name="Unschedulable">Tried and failed; waiting for an event that could help.</param>
/// <param name="Gated">Kept out by a PreEnqueue plugin (scheduling gates), never tried.</param>
public readonly record struct PendingPods(int Active, int Backoff, int Unschedulable, int Gated);
