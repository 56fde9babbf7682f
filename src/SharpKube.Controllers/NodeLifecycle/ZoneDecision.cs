namespace SharpKube.Controllers.NodeLifecycle;

/// <summary>What a pass of disruption handling changes.</summary>
/// <param name="Rates">New tainting rates, per zone.</param>
/// <param name="Entered">Every zone just became fully disrupted: lift the NoExecute taints, taint nothing.</param>
/// <param name="Left">The cluster just left full disruption: give every node a fresh grace period.</param>
internal sealed record ZoneDecision(IReadOnlyDictionary<string, double> Rates, bool Entered, bool Left);
