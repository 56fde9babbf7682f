namespace SharpKube.Scheduler.Framework;

/// <summary>What the PreFilter plugins decided together.</summary>
/// <param name="Status">Success, a rejection of the pod for every node, or an error.</param>
/// <param name="Result">The only nodes that can fit (null: all).</param>
/// <param name="PluginsWithNodes">The plugins that narrowed the nodes (they explain the nodes ruled out).</param>
public readonly record struct PreFilterOutcome(Status Status, PreFilterResult? Result, IReadOnlyList<string> PluginsWithNodes);
