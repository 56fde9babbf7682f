namespace SharpKube.Controllers.GarbageCollector;

/// <summary>A dependent of a node, as a worker sees it.</summary>
/// <param name="Identity">The dependent.</param>
/// <param name="DeletingDependents">Whether the dependent is itself waiting for its dependents (foreground deletion).</param>
/// <param name="BlocksOwner">Whether its reference to the owner has <c>blockOwnerDeletion</c>.</param>
public sealed record DependentSnapshot(ObjectIdentity Identity, bool DeletingDependents, bool BlocksOwner);
