using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.DefaultPreemption;

/// <summary>A node where evicting <paramref name="Victims"/> lets the preemptor fit.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Victims">The pods to evict, most important first.</param>
/// <param name="NumPdbViolations">How many of them a PodDisruptionBudget does not allow to be disrupted.</param>
public sealed record PreemptionCandidate(string NodeName, IReadOnlyList<PodInfo> Victims, int NumPdbViolations);
