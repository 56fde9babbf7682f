namespace SharpKube.Client.Informers;

/// <summary>
/// Callbacks for an informer's changes. Each registered handler sees the changes in the order the informer
/// applied them, one at a time, on its own loop; a slow handler delays only itself. Controllers only enqueue
/// keys here. Objects are the cache's: never mutate them.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ResourceEventHandler<T>
{
    /// <summary>An object appeared: listed at start or re-list, or created.</summary>
    public Action<T>? OnAdd { get; init; }

    /// <summary>An object changed (old, new); at resync both are the same object.</summary>
    public Action<T, T>? OnUpdate { get; init; }

    /// <summary>
    /// An object went away, with its final state — or, when it vanished while the informer was not watching, its
    /// last known state.
    /// </summary>
    public Action<T>? OnDelete { get; init; }
}
