namespace SharpKube.Controllers.GarbageCollector;

/// <summary>A copy of a graph node's state that a worker can use without holding the graph's lock.</summary>
/// <param name="Identity">The object.</param>
/// <param name="Observed">False for a virtual node (an owner only known from references).</param>
/// <param name="DeletingDependents">Whether it waits for its dependents (foreground deletion).</param>
/// <param name="Dependents">Its dependents.</param>
public sealed record NodeSnapshot(ObjectIdentity Identity, bool Observed, bool DeletingDependents, IReadOnlyList<DependentSnapshot> Dependents);
