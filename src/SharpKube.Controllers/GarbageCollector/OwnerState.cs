namespace SharpKube.Controllers.GarbageCollector;

/// <summary>What an owner reference points at, as a live read finds it.</summary>
public enum OwnerState
{
    /// <summary>The owner exists and is not waiting for its dependents.</summary>
    Solid,

    /// <summary>No object with those coordinates and that uid exists (deleted, never existed, wrong kind or uid).</summary>
    Dangling,

    /// <summary>The owner is being deleted in the foreground: its dependents must go first.</summary>
    WaitingForDependentsDeletion,

    /// <summary>A cluster-scoped object names a namespaced owner, which cannot be: the reference is left alone.</summary>
    InvalidNamespace,
}
