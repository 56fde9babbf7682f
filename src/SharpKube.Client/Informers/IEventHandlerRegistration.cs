namespace SharpKube.Client.Informers;

/// <summary>
/// A handler registered with a <see cref="SharedInformer{T}"/> (client-go's <c>ResourceEventHandlerRegistration</c>).
/// <see cref="HasSynced"/> turns true once the handler has been given every object of the informer's first list:
/// a component that builds its own state from the notifications (the scheduler's cache) waits for this rather than
/// for the informer's own sync, which only says the informer's cache is filled. Dispose it to unregister.
/// </summary>
public interface IEventHandlerRegistration : IDisposable
{
    /// <summary>Whether the handler has been given the informer's first list.</summary>
    bool HasSynced { get; }

    /// <summary>Waits until <see cref="HasSynced"/>: true, or false when cancelled first.</summary>
    Task<bool> WaitForSyncAsync(CancellationToken cancellationToken);
}
