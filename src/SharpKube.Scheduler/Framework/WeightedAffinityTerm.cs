namespace SharpKube.Scheduler.Framework;

/// <summary>A preferred pod (anti-)affinity term with its weight (upstream's <c>framework.WeightedAffinityTerm</c>).</summary>
/// <param name="Term">The term.</param>
/// <param name="Weight">Its weight, 1–100.</param>
public sealed record WeightedAffinityTerm(AffinityTerm Term, int Weight);
