namespace SharpKube.Scheduler.Plugins.NodeResourcesFit;

/// <summary>A resource the score looks at, and its weight.</summary>
/// <param name="Name">The resource name (cpu, memory, or any other counted resource).</param>
/// <param name="Weight">Its weight in the node's score.</param>
public sealed record ScoredResource(string Name, long Weight);
