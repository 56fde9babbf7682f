namespace SharpKube.Controllers.GarbageCollector;

/// <summary>What happened to an object, as the dependency graph hears it.</summary>
public enum GraphChangeType
{
    /// <summary>An informer saw the object added or changed.</summary>
    Upsert,

    /// <summary>An informer saw the object deleted.</summary>
    Delete,

    /// <summary>A worker's live read found no object with the identity's coordinates and uid.</summary>
    VirtualDelete,
}
